-- A plan may offer a paid subscription, a free trial, or the customer's choice of either; it says
-- what happens when a trial ends. Provisioning runs as a leased background job whose steps are
-- recorded, so a page can show progress and an operator can retry a failed attempt.
ALTER TABLE plans ADD COLUMN trial_end_action TEXT NOT NULL DEFAULT 'suspend'
    CHECK (trial_end_action IN ('suspend', 'archive'));

ALTER TABLE orders ADD COLUMN is_trial BIGINT NOT NULL DEFAULT 0 CHECK (is_trial IN (0, 1));
-- Whichever server holds an unexpired lease runs the order's provisioning; others leave it alone.
ALTER TABLE orders ADD COLUMN provision_lease_until TEXT;
ALTER TABLE orders ADD COLUMN provision_attempts BIGINT NOT NULL DEFAULT 0 CHECK (provision_attempts >= 0);

CREATE TABLE provisioning_steps (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES orders (id),
    attempt BIGINT NOT NULL CHECK (attempt >= 1),
    step TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'rolled_back')),
    detail TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    finished_at TEXT,
    UNIQUE (order_id, attempt, step)
);
CREATE INDEX orders_by_status ON orders (status, id);
