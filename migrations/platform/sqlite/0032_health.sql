-- Tenant health and resource utilization.
--
-- The operator's health settings: how often every live instance is checked (1, 5 or 15 minutes)
-- and the thresholds that make a tenant a warning or critical. One row, made here with the
-- defaults. next_run_at is when the next round is due ('' at first: due at once); a server runs
-- a round only after claiming it with a conditional UPDATE that moves next_run_at on, so with
-- several servers on one database each round runs once.
CREATE TABLE health_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    interval_minutes BIGINT NOT NULL CHECK (interval_minutes IN (1, 5, 15)),
    storage_warning_pct BIGINT NOT NULL CHECK (storage_warning_pct BETWEEN 1 AND 100),
    storage_critical_pct BIGINT NOT NULL CHECK (storage_critical_pct BETWEEN 1 AND 100),
    -- 0: inactivity is never a warning.
    inactive_days BIGINT NOT NULL CHECK (inactive_days BETWEEN 0 AND 3650),
    -- 0: failed jobs never make this level.
    failed_jobs_warning BIGINT NOT NULL CHECK (failed_jobs_warning BETWEEN 0 AND 1000),
    failed_jobs_critical BIGINT NOT NULL CHECK (failed_jobs_critical BETWEEN 0 AND 1000),
    next_run_at TEXT NOT NULL,
    last_run_at TEXT,
    updated_at TEXT,
    updated_by TEXT,
    CHECK (storage_warning_pct < storage_critical_pct)
);
INSERT INTO health_settings (id, interval_minutes, storage_warning_pct, storage_critical_pct, inactive_days,
    failed_jobs_warning, failed_jobs_critical, next_run_at)
    VALUES (1, 5, 80, 95, 30, 1, 3, '');

-- One row per check of one instance: what was measured and the level it gave. Pruned after 30
-- days (health_checks_by_time); a tenant's page reads its newest (health_checks_by_tenant).
CREATE TABLE health_checks (
    id INTEGER PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    checked_at TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('healthy', 'warning', 'critical')),
    -- Every reason for the level, one per line; empty when healthy.
    reasons TEXT NOT NULL,
    reachable BIGINT NOT NULL CHECK (reachable IN (0, 1)),
    size_bytes BIGINT CHECK (size_bytes >= 0),
    users BIGINT CHECK (users >= 0),
    last_activity_at TEXT,
    failed_jobs BIGINT NOT NULL CHECK (failed_jobs >= 0),
    duration_ms BIGINT NOT NULL CHECK (duration_ms >= 0)
);
CREATE INDEX health_checks_by_tenant ON health_checks (tenant_id, checked_at);
CREATE INDEX health_checks_by_time ON health_checks (checked_at);

-- The tenant's current level, the reason and since when (the level entered then), and its
-- latest measurements with the quota they were compared to, so the dashboard and the
-- utilization report read one row per tenant and never open an instance. health_write_mark is
-- the instance's write counter at the last check; a different one means it was written since
-- (health_last_write_at).
ALTER TABLE tenants ADD COLUMN health_level TEXT CHECK (health_level IN ('healthy', 'warning', 'critical'));
ALTER TABLE tenants ADD COLUMN health_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE tenants ADD COLUMN health_since TEXT;
ALTER TABLE tenants ADD COLUMN health_checked_at TEXT;
ALTER TABLE tenants ADD COLUMN health_size_bytes BIGINT CHECK (health_size_bytes >= 0);
ALTER TABLE tenants ADD COLUMN health_users BIGINT CHECK (health_users >= 0);
ALTER TABLE tenants ADD COLUMN health_storage_quota_bytes BIGINT CHECK (health_storage_quota_bytes >= 0);
ALTER TABLE tenants ADD COLUMN health_users_included BIGINT CHECK (health_users_included >= 0);
ALTER TABLE tenants ADD COLUMN health_write_mark TEXT;
ALTER TABLE tenants ADD COLUMN health_last_write_at TEXT;
CREATE INDEX tenants_health_attention ON tenants (health_since) WHERE health_level IN ('warning', 'critical');

-- A member's last login, the other half of an instance's last activity.
ALTER TABLE users ADD COLUMN last_login_at TEXT;
