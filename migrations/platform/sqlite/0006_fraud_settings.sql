-- The fraud screening rules the operator edits; one row. Until it exists the configured defaults
-- (environment) apply.
CREATE TABLE fraud_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    max_orders_per_email_per_day INTEGER NOT NULL CHECK (max_orders_per_email_per_day BETWEEN 0 AND 100000),
    max_orders_per_ip_per_day INTEGER NOT NULL CHECK (max_orders_per_ip_per_day BETWEEN 0 AND 100000),
    check_country_mismatch INTEGER NOT NULL CHECK (check_country_mismatch IN (0, 1)),
    -- One domain per line.
    disposable_domains TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
