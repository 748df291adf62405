-- A paying customer's billing address, and the address each invoice was issued to (kept as it
-- was on the day, whatever the customer changes later).
ALTER TABLE customers ADD COLUMN billing_address TEXT NOT NULL DEFAULT '' CHECK (length(billing_address) <= 500);
ALTER TABLE customers ADD COLUMN billing_country TEXT NOT NULL DEFAULT '' CHECK (length(billing_country) IN (0, 2));
ALTER TABLE invoices ADD COLUMN bill_to TEXT NOT NULL DEFAULT '' CHECK (length(bill_to) <= 600);
