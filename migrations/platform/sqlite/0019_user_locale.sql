-- A user's choice of language (the switcher's, kept with the account so it follows them to
-- another browser at their next login); NULL: not chosen, the browser's language applies.
ALTER TABLE users ADD COLUMN locale TEXT CHECK (locale IS NULL OR locale IN ('en', 'de'));
