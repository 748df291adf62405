-- An invoice an accountant accepts: the customer's VAT ID (which decides reverse charge), and on
-- each invoice a snapshot of the seller block, the bank details and the customer's VAT ID as they
-- were at issue, so a later edit of storefront_billing never changes an issued invoice.
ALTER TABLE customers ADD COLUMN vat_id TEXT NOT NULL DEFAULT '';

ALTER TABLE invoices ADD COLUMN seller_legal_name TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN seller_address TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN seller_country TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN seller_vat_id TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN seller_registration_number TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN account_holder TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN iban TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN bic TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN bank_name TEXT NOT NULL DEFAULT '';
-- The bank-transfer reference, built from the storefront's reference_format at issue.
ALTER TABLE invoices ADD COLUMN payment_reference TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN customer_vat_id TEXT NOT NULL DEFAULT '';
-- 1: a business in another EU member state accounts for the VAT (0 % billed, the note printed).
ALTER TABLE invoices ADD COLUMN reverse_charge BIGINT NOT NULL DEFAULT 0 CHECK (reverse_charge IN (0, 1));

-- The service period each line bills (empty for lines issued before this).
ALTER TABLE invoice_lines ADD COLUMN period_from TEXT NOT NULL DEFAULT '';
ALTER TABLE invoice_lines ADD COLUMN period_to TEXT NOT NULL DEFAULT '';

-- Invoices issued before this get the seller block as it stands now: the best that is known.
UPDATE invoices SET
    seller_legal_name = (SELECT b.legal_name FROM storefront_billing b WHERE b.storefront_id = invoices.storefront_id),
    seller_address = (SELECT b.address FROM storefront_billing b WHERE b.storefront_id = invoices.storefront_id),
    seller_country = (SELECT b.country FROM storefront_billing b WHERE b.storefront_id = invoices.storefront_id),
    seller_vat_id = (SELECT b.vat_id FROM storefront_billing b WHERE b.storefront_id = invoices.storefront_id),
    seller_registration_number = (SELECT b.registration_number FROM storefront_billing b WHERE b.storefront_id = invoices.storefront_id),
    account_holder = (SELECT b.account_holder FROM storefront_billing b WHERE b.storefront_id = invoices.storefront_id),
    iban = (SELECT b.iban FROM storefront_billing b WHERE b.storefront_id = invoices.storefront_id),
    bic = (SELECT b.bic FROM storefront_billing b WHERE b.storefront_id = invoices.storefront_id),
    bank_name = (SELECT b.bank_name FROM storefront_billing b WHERE b.storefront_id = invoices.storefront_id),
    payment_reference = number
WHERE EXISTS (SELECT 1 FROM storefront_billing b WHERE b.storefront_id = invoices.storefront_id);
