-- Idempotency keys are claimed before any work starts (a charge, an order), scoped per caller
-- (an API key, the storefront, a tenant's portal), with a hash of the canonical request: a
-- duplicate waits for the first request or answers its order; another body answers 409.
CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL CHECK (length(scope) BETWEEN 1 AND 100),
    key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
    request_hash TEXT NOT NULL CHECK (length(request_hash) = 64),
    -- Set in the transaction that records the order; NULL while the first request is in flight.
    order_id BIGINT REFERENCES orders (id),
    -- While in flight: when another request may take the claim over (its holder went away).
    locked_until TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (scope, key),
    CHECK ((order_id IS NULL) <> (locked_until IS NULL))
);

-- What was invoiced for the service of the current period, before tax and setup fees, and from
-- when that amount covers the period: a change credits the unused part of it, never more.
ALTER TABLE subscriptions ADD COLUMN period_paid_minor BIGINT NOT NULL DEFAULT 0 CHECK (period_paid_minor >= 0);
ALTER TABLE subscriptions ADD COLUMN period_paid_from TEXT;
-- What a change or renewal order pays for the rest of the period, applied with the order.
ALTER TABLE orders ADD COLUMN period_paid_minor BIGINT CHECK (period_paid_minor >= 0);
UPDATE subscriptions SET period_paid_from = period_start,
    period_paid_minor = COALESCE((SELECT SUM(l.amount_minor) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
        JOIN orders o ON o.id = i.order_id
        WHERE o.tenant_id = subscriptions.tenant_id AND o.kind IN ('new_sale', 'renewal') AND i.status <> 'void'
          AND l.kind IN ('recurring', 'addon_recurring', 'resource_recurring')
          AND o.id = (SELECT MAX(o2.id) FROM orders o2 WHERE o2.tenant_id = subscriptions.tenant_id AND o2.kind IN ('new_sale', 'renewal') AND o2.status = 'completed')), 0)
    WHERE trial_ends_at IS NULL;

-- Fraud screening counts an email's and an address's recent orders inside the transaction that
-- records the order; touching these rows first makes concurrent orders of the same email or
-- address count one after the other (a row lock on PostgreSQL, the write lock on SQLite).
CREATE TABLE screening_locks (
    key TEXT PRIMARY KEY,
    touched_at TEXT NOT NULL
);

-- When the provisioning job finished building the instance: a job that then fails only in
-- recording its outcome writes the outcome again later, and never builds the instance twice.
ALTER TABLE orders ADD COLUMN instance_built_at TEXT;
