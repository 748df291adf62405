-- Platform schema: catalog, customers, tenants and their events, orders, subscriptions, accounts.
CREATE TABLE customers (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company TEXT NOT NULL CHECK (length(company) BETWEEN 1 AND 200),
    contact_name TEXT NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 200),
    email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    created_at TEXT NOT NULL
);

CREATE TABLE products (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    modules TEXT NOT NULL,
    published BIGINT NOT NULL CHECK (published IN (0, 1))
);

CREATE TABLE plans (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id BIGINT NOT NULL REFERENCES products (id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    price_minor BIGINT NOT NULL CHECK (price_minor >= 0),
    setup_fee_minor BIGINT NOT NULL CHECK (setup_fee_minor >= 0),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    period_months BIGINT NOT NULL CHECK (period_months > 0),
    trial_days BIGINT NOT NULL CHECK (trial_days >= 0),
    included_users BIGINT NOT NULL CHECK (included_users > 0),
    demo_data BIGINT NOT NULL CHECK (demo_data IN (0, 1)),
    published BIGINT NOT NULL CHECK (published IN (0, 1)),
    sort_order BIGINT NOT NULL
);

CREATE TABLE tenants (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 3 AND 63),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    plan_id BIGINT NOT NULL REFERENCES plans (id),
    state TEXT NOT NULL CHECK (state IN ('provisioning', 'trial', 'active', 'suspended', 'archived', 'failed')),
    db_server TEXT,
    db_name TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- A failed attempt does not keep the name: only live tenants hold it.
CREATE UNIQUE INDEX tenants_live_name ON tenants (name) WHERE state <> 'failed';

CREATE TABLE tenant_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    event TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    actor TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX tenant_events_by_tenant ON tenant_events (tenant_id, id);

CREATE TABLE orders (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_token TEXT NOT NULL UNIQUE,
    idempotency_key TEXT UNIQUE,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    plan_id BIGINT NOT NULL REFERENCES plans (id),
    tenant_id BIGINT REFERENCES tenants (id),
    instance_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('new_sale', 'upgrade', 'downgrade', 'renewal', 'add_on', 'cancellation')),
    status TEXT NOT NULL CHECK (status IN ('placed', 'provisioning', 'completed', 'failed')),
    failure_reason TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE subscriptions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    plan_id BIGINT NOT NULL REFERENCES plans (id),
    tenant_id BIGINT NOT NULL UNIQUE REFERENCES tenants (id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'trial', 'active', 'suspended', 'cancelled')),
    trial_ends_at TEXT,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE users (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    password_hash TEXT NOT NULL,
    full_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('operator', 'tenant_admin', 'tenant_user', 'customer')),
    tenant_id BIGINT REFERENCES tenants (id),
    customer_id BIGINT REFERENCES customers (id),
    created_at TEXT NOT NULL,
    CHECK ((role IN ('tenant_admin', 'tenant_user')) = (tenant_id IS NOT NULL))
);
CREATE UNIQUE INDEX users_email_per_scope ON users (email, COALESCE(tenant_id, 0));

CREATE TABLE login_attempts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email TEXT NOT NULL,
    ip TEXT NOT NULL,
    succeeded BIGINT NOT NULL CHECK (succeeded IN (0, 1)),
    created_at TEXT NOT NULL
);
CREATE INDEX login_attempts_by_email ON login_attempts (email, created_at);
CREATE INDEX login_attempts_by_ip ON login_attempts (ip, created_at);
