-- Orders that change a running subscription: upgrades, downgrades, add-ons bought later,
-- renewals and cancellations. The subscription keeps its configuration and storefront; a
-- downgrade's credit goes to a ledger that the next renewal draws on.
ALTER TABLE subscriptions ADD COLUMN selection_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE subscriptions ADD COLUMN storefront_id BIGINT REFERENCES storefronts (id);
ALTER TABLE subscriptions ADD COLUMN cancel_at_period_end BIGINT NOT NULL DEFAULT 0 CHECK (cancel_at_period_end IN (0, 1));
UPDATE subscriptions SET
    selection_json = COALESCE((SELECT o.selection_json FROM orders o WHERE o.tenant_id = subscriptions.tenant_id AND o.kind = 'new_sale' ORDER BY o.id LIMIT 1), '{}'),
    storefront_id = (SELECT o.storefront_id FROM orders o WHERE o.tenant_id = subscriptions.tenant_id AND o.kind = 'new_sale' ORDER BY o.id LIMIT 1);

-- What a downgrade credits the customer (orders.total_minor is what is due, never negative).
ALTER TABLE orders ADD COLUMN credit_minor BIGINT NOT NULL DEFAULT 0 CHECK (credit_minor >= 0);

-- One change at a time per tenant: a second one waits until the first has ended.
CREATE UNIQUE INDEX orders_one_open_change ON orders (tenant_id)
    WHERE kind <> 'new_sale' AND status NOT IN ('completed', 'rejected', 'cancelled', 'failed');

CREATE TABLE customer_credits (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    -- The order that granted (positive) or used (negative) the credit; once each.
    order_id BIGINT NOT NULL UNIQUE REFERENCES orders (id),
    amount_minor BIGINT NOT NULL CHECK (amount_minor <> 0),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    note TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX customer_credits_by_customer ON customer_credits (customer_id);
