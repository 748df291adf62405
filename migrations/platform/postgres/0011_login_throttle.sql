-- Login throttling counters: one row per account from one address, per account and per address.
-- An attempt is counted (failures + 1) before its password is checked, in the same write
-- transaction that reads the counter, so parallel attempts cannot all pass the check.
CREATE TABLE login_counters (
    counter_key TEXT PRIMARY KEY,
    failures BIGINT NOT NULL CHECK (failures >= 0),
    last_failure_at TEXT NOT NULL
);
CREATE INDEX login_counters_by_time ON login_counters (last_failure_at);
