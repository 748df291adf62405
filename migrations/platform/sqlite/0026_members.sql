-- A tenant's members: admin (everything), billing (the billing pages only) and user (uses the
-- instance, no portal), each active, deactivated or removed; invitations by mail with a one-time
-- link (its code stored only as a SHA-256 digest, valid 72 hours, used once); and an event row
-- for every change, with who made it.
-- SQLite cannot change a CHECK constraint in place: the users table is rebuilt with every id
-- kept, foreign keys deferred until the commit (as 0021 does for tenants). Dropping the old table
-- cascades to password_resets, which is kept aside and put back.
PRAGMA defer_foreign_keys = ON;
CREATE TEMPORARY TABLE users_before AS SELECT * FROM users;
CREATE TEMPORARY TABLE password_resets_before AS SELECT * FROM password_resets;
DROP TABLE users;
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    password_hash TEXT NOT NULL,
    full_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('operator', 'tenant_admin', 'tenant_billing', 'tenant_user', 'customer')),
    tenant_id INTEGER REFERENCES tenants (id),
    customer_id INTEGER REFERENCES customers (id),
    created_at TEXT NOT NULL,
    locale TEXT CHECK (locale IS NULL OR locale IN ('en', 'de')),
    session_epoch INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'deactivated', 'removed')),
    CHECK ((role IN ('tenant_admin', 'tenant_billing', 'tenant_user')) = (tenant_id IS NOT NULL))
);
INSERT INTO users (id, email, password_hash, full_name, role, tenant_id, customer_id, created_at, locale, session_epoch)
    SELECT id, email, password_hash, full_name, role, tenant_id, customer_id, created_at, locale, session_epoch FROM users_before;
CREATE UNIQUE INDEX users_email_per_scope ON users (email, COALESCE(tenant_id, 0));
CREATE INDEX users_by_tenant ON users (tenant_id, state);
INSERT INTO password_resets SELECT * FROM password_resets_before;
DROP TABLE users_before;
DROP TABLE password_resets_before;

CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants (id),
    email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    role TEXT NOT NULL CHECK (role IN ('tenant_admin', 'tenant_billing', 'tenant_user')),
    code_hash TEXT NOT NULL UNIQUE,
    invited_by INTEGER NOT NULL REFERENCES users (id),
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    accepted_at TEXT,
    revoked_at TEXT
);
-- One open invitation per address and tenant.
CREATE UNIQUE INDEX invitations_open ON invitations (tenant_id, email)
    WHERE accepted_at IS NULL AND revoked_at IS NULL;

CREATE TABLE member_events (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants (id),
    email TEXT NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('invited', 'invitation_resent', 'invitation_revoked', 'joined', 'role_changed', 'deactivated', 'reactivated', 'removed')),
    role TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX member_events_by_tenant ON member_events (tenant_id, id);
