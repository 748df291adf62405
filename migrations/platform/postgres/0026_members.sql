-- A tenant's members: admin (everything), billing (the billing pages only) and user (uses the
-- instance, no portal), each active, deactivated or removed; invitations by mail with a one-time
-- link (its code stored only as a SHA-256 digest, valid 72 hours, used once); and an event row
-- for every change, with who made it.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users DROP CONSTRAINT users_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('operator', 'tenant_admin', 'tenant_billing', 'tenant_user', 'customer'));
ALTER TABLE users ADD CONSTRAINT users_tenant_role_check
    CHECK ((role IN ('tenant_admin', 'tenant_billing', 'tenant_user')) = (tenant_id IS NOT NULL));
ALTER TABLE users ADD COLUMN state TEXT NOT NULL DEFAULT 'active'
    CHECK (state IN ('active', 'deactivated', 'removed'));
CREATE INDEX users_by_tenant ON users (tenant_id, state);

CREATE TABLE invitations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    role TEXT NOT NULL CHECK (role IN ('tenant_admin', 'tenant_billing', 'tenant_user')),
    code_hash TEXT NOT NULL UNIQUE,
    invited_by BIGINT NOT NULL REFERENCES users (id),
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    accepted_at TEXT,
    revoked_at TEXT
);
-- One open invitation per address and tenant.
CREATE UNIQUE INDEX invitations_open ON invitations (tenant_id, email)
    WHERE accepted_at IS NULL AND revoked_at IS NULL;

CREATE TABLE member_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    email TEXT NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('invited', 'invitation_resent', 'invitation_revoked', 'joined', 'role_changed', 'deactivated', 'reactivated', 'removed')),
    role TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX member_events_by_tenant ON member_events (tenant_id, id);
