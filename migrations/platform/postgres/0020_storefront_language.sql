-- A storefront's default language: its pages speak it to a visitor who has not chosen one and
-- whose browser asks for no language the catalogue has.
ALTER TABLE storefronts ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'de'));
