-- A tenant's admin manages the customer's cards in the portal: one card is the default that
-- renewals and retries charge (without one, the newest), and a removed card is kept for the
-- payments that name it but never charged again.
ALTER TABLE payment_methods ADD COLUMN is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1));
ALTER TABLE payment_methods ADD COLUMN removed_at TEXT;
CREATE UNIQUE INDEX payment_methods_one_default ON payment_methods (customer_id)
    WHERE is_default = 1 AND removed_at IS NULL;
