-- The language the customer ordered in: their mails (payment details, confirmation, welcome,
-- trial reminders) are written in it. Orders placed before this were English.
ALTER TABLE orders ADD COLUMN locale TEXT NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'de'));
