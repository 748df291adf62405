-- After the sale: tenants can be past due, migrating or terminated; every unpaid renewal runs
-- through its storefront's dunning schedule; each invoice keeps a timeline; reminders before a
-- period ends are sent once.
-- SQLite cannot change a CHECK constraint in place: the tenants table is rebuilt. The migration
-- runs in a transaction, where foreign keys cannot be switched off; they are deferred instead:
-- dropping the old table leaves the rows that point at tenants dangling until the rebuilt table
-- (same name, every id kept) takes them back, before the commit checks. No reference to tenants
-- cascades, so dropping the old table deletes nothing.
PRAGMA defer_foreign_keys = ON;
CREATE TEMPORARY TABLE tenants_before AS SELECT * FROM tenants;
DROP TABLE tenants;
CREATE TABLE tenants (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 3 AND 63),
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    state TEXT NOT NULL CHECK (state IN ('provisioning', 'trial', 'active', 'past_due', 'suspended', 'archived', 'migrating', 'terminated', 'failed')),
    db_server TEXT,
    db_name TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    db_password TEXT,
    db_engine TEXT CHECK (db_engine IN ('sqlite', 'postgres'))
);
INSERT INTO tenants (id, name, customer_id, plan_id, state, db_server, db_name, created_at, updated_at, db_password, db_engine)
    SELECT id, name, customer_id, plan_id, state, db_server, db_name, created_at, updated_at, db_password, db_engine FROM tenants_before;
DROP TABLE tenants_before;
-- A failed attempt and a terminated tenant do not keep the name: only the others hold it.
CREATE UNIQUE INDEX tenants_live_name ON tenants (name) WHERE state NOT IN ('failed', 'terminated');

-- Each storefront's schedule; a storefront without a row uses the default (see domain::dunning).
CREATE TABLE dunning_schedules (
    storefront_id INTEGER PRIMARY KEY REFERENCES storefronts (id) ON DELETE CASCADE,
    retry_days TEXT NOT NULL,
    reminder_days TEXT NOT NULL,
    grace_days INTEGER NOT NULL CHECK (grace_days BETWEEN 0 AND 90),
    archive_after_days INTEGER NOT NULL CHECK (archive_after_days BETWEEN 1 AND 365),
    retention_days INTEGER NOT NULL CHECK (retention_days BETWEEN 1 AND 3650),
    updated_at TEXT NOT NULL
);

-- One unpaid renewal invoice being chased. next_attempt_at is the next card retry (none: no
-- card, a hard decline or the schedule is used up); a server trying an attempt holds it until
-- lease_until, and the attempt's charge key is the invoice and the attempt number, so a server
-- that stops mid-attempt leaves it to the next one, which cannot charge twice.
CREATE TABLE dunnings (
    invoice_id INTEGER PRIMARY KEY REFERENCES invoices (id),
    tenant_id INTEGER NOT NULL REFERENCES tenants (id),
    order_id INTEGER NOT NULL REFERENCES orders (id),
    status TEXT NOT NULL CHECK (status IN ('open', 'recovered', 'lost')),
    failed_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT,
    lease_until TEXT,
    suspended_at TEXT,
    ended_at TEXT,
    CHECK ((status = 'open') = (ended_at IS NULL))
);
CREATE UNIQUE INDEX dunnings_one_open_per_tenant ON dunnings (tenant_id) WHERE status = 'open';
CREATE INDEX dunnings_next_attempt ON dunnings (next_attempt_at) WHERE status = 'open';

-- What happened to an invoice after it was issued: failed payments, retries, mails, suspension.
CREATE TABLE invoice_events (
    id INTEGER PRIMARY KEY,
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    event TEXT NOT NULL,
    actor TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX invoice_events_by_invoice ON invoice_events (invoice_id, id);

-- Reminders before a trial or a paid period ends, each sent once (the row is claimed first).
CREATE TABLE billing_reminders (
    tenant_id INTEGER NOT NULL REFERENCES tenants (id),
    period_end TEXT NOT NULL,
    days_before INTEGER NOT NULL CHECK (days_before >= 1),
    sent_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, period_end, days_before)
);
