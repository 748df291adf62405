-- Each tenant database has a role of its own (named as the database) that opens it and nothing
-- else; its password is kept here (see TenantDb in app/src/backend/provisioning/tenant_db.rs).
-- Rows name the database server by id instead of holding its URL with the platform's password:
-- a URL becomes its host:port, the id of a server configured without a name (address_of in
-- app/src/backend/provisioning/servers.rs computes the same). Tenants made before this get their
-- role when a server starts (adopt_legacy_tenants). Safe to run twice.
ALTER TABLE tenants ADD COLUMN IF NOT EXISTS db_password TEXT;

UPDATE tenants
SET db_server = COALESCE(
    NULLIF(substring(db_server FROM '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?]*@)?([^/?]*)'), ''),
    'localhost')
WHERE db_server LIKE '%://%';
