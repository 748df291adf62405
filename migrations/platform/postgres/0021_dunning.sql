-- After the sale: tenants can be past due, migrating or terminated; every unpaid renewal runs
-- through its storefront's dunning schedule; each invoice keeps a timeline; reminders before a
-- period ends are sent once.
ALTER TABLE tenants DROP CONSTRAINT tenants_state_check;
ALTER TABLE tenants ADD CONSTRAINT tenants_state_check
    CHECK (state IN ('provisioning', 'trial', 'active', 'past_due', 'suspended', 'archived', 'migrating', 'terminated', 'failed'));
-- A failed attempt and a terminated tenant do not keep the name: only the others hold it.
DROP INDEX tenants_live_name;
CREATE UNIQUE INDEX tenants_live_name ON tenants (name) WHERE state NOT IN ('failed', 'terminated');

-- Each storefront's schedule; a storefront without a row uses the default (see domain::dunning).
CREATE TABLE dunning_schedules (
    storefront_id BIGINT PRIMARY KEY REFERENCES storefronts (id) ON DELETE CASCADE,
    retry_days TEXT NOT NULL,
    reminder_days TEXT NOT NULL,
    grace_days BIGINT NOT NULL CHECK (grace_days BETWEEN 0 AND 90),
    archive_after_days BIGINT NOT NULL CHECK (archive_after_days BETWEEN 1 AND 365),
    retention_days BIGINT NOT NULL CHECK (retention_days BETWEEN 1 AND 3650),
    updated_at TEXT NOT NULL
);

-- One unpaid renewal invoice being chased. next_attempt_at is the next card retry (none: no
-- card, a hard decline or the schedule is used up); a server trying an attempt holds it until
-- lease_until, and the attempt's charge key is the invoice and the attempt number, so a server
-- that stops mid-attempt leaves it to the next one, which cannot charge twice.
CREATE TABLE dunnings (
    invoice_id BIGINT PRIMARY KEY REFERENCES invoices (id),
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    order_id BIGINT NOT NULL REFERENCES orders (id),
    status TEXT NOT NULL CHECK (status IN ('open', 'recovered', 'lost')),
    failed_at TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
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
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invoice_id BIGINT NOT NULL REFERENCES invoices (id),
    event TEXT NOT NULL,
    actor TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX invoice_events_by_invoice ON invoice_events (invoice_id, id);

-- Reminders before a trial or a paid period ends, each sent once (the row is claimed first).
CREATE TABLE billing_reminders (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    period_end TEXT NOT NULL,
    days_before BIGINT NOT NULL CHECK (days_before >= 1),
    sent_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, period_end, days_before)
);
