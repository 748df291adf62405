-- What a storefront tells its customers about the seller (printed on every invoice), how to pay
-- it by bank transfer, and whether it is in test mode (test cards listed, a banner shown).
-- One row per storefront, made with it. country is the seller's (ISO 3166-1 alpha-2): it decides
-- reverse charge and is the checkout's default billing country.
CREATE TABLE storefront_billing (
    storefront_id INTEGER PRIMARY KEY REFERENCES storefronts(id) ON DELETE CASCADE,
    legal_name TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '' CHECK (country = '' OR length(country) = 2),
    vat_id TEXT NOT NULL DEFAULT '',
    registration_number TEXT NOT NULL DEFAULT '',
    account_holder TEXT NOT NULL DEFAULT '',
    iban TEXT NOT NULL DEFAULT '',
    bic TEXT NOT NULL DEFAULT '',
    bank_name TEXT NOT NULL DEFAULT '',
    reference_format TEXT NOT NULL DEFAULT '{invoice}',
    test_mode INTEGER NOT NULL DEFAULT 0 CHECK (test_mode IN (0, 1))
);

-- Storefronts made before this listed the test cards: they stay in test mode until switched off.
INSERT INTO storefront_billing (storefront_id, test_mode) SELECT id, 1 FROM storefronts;
