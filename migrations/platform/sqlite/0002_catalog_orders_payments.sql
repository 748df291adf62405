-- Priced periods, resources and add-ons, storefronts and tax rates; the order workflow's events,
-- payments, invoices and API keys.
CREATE TABLE resources (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    unit TEXT NOT NULL
);

CREATE TABLE plan_periods (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    months INTEGER NOT NULL CHECK (months BETWEEN 1 AND 36),
    setup_fee_minor INTEGER NOT NULL CHECK (setup_fee_minor >= 0),
    recurring_fee_minor INTEGER NOT NULL CHECK (recurring_fee_minor >= 0),
    renewal_fee_minor INTEGER NOT NULL CHECK (renewal_fee_minor >= 0),
    UNIQUE (plan_id, months)
);

CREATE TABLE plan_resource_rates (
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    resource_id INTEGER NOT NULL REFERENCES resources (id),
    included INTEGER NOT NULL CHECK (included >= 0),
    hard_limit INTEGER NOT NULL CHECK (hard_limit >= included),
    setup_fee_per_unit_minor INTEGER NOT NULL CHECK (setup_fee_per_unit_minor >= 0),
    recurring_fee_per_unit_minor INTEGER NOT NULL CHECK (recurring_fee_per_unit_minor >= 0),
    overage_per_unit_minor INTEGER NOT NULL CHECK (overage_per_unit_minor >= 0),
    PRIMARY KEY (plan_id, resource_id)
);

CREATE TABLE addons (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    setup_fee_minor INTEGER NOT NULL CHECK (setup_fee_minor >= 0),
    recurring_fee_minor INTEGER NOT NULL CHECK (recurring_fee_minor >= 0),
    currency TEXT NOT NULL CHECK (length(currency) = 3)
);

CREATE TABLE plan_addons (
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    addon_id INTEGER NOT NULL REFERENCES addons (id),
    max_quantity INTEGER NOT NULL CHECK (max_quantity >= 1),
    PRIMARY KEY (plan_id, addon_id)
);

CREATE TABLE storefronts (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    logo_url TEXT NOT NULL DEFAULT '',
    primary_color TEXT NOT NULL DEFAULT '#3b5bdb',
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    invoice_prefix TEXT NOT NULL,
    next_invoice_number INTEGER NOT NULL CHECK (next_invoice_number >= 1),
    is_default INTEGER NOT NULL CHECK (is_default IN (0, 1))
);

-- Orders gain the workflow's statuses, their storefront, price and screening result.
-- SQLite cannot alter a CHECK constraint, so the table is rebuilt.
CREATE TABLE orders_v2 (
    id INTEGER PRIMARY KEY,
    public_token TEXT NOT NULL UNIQUE,
    idempotency_key TEXT UNIQUE,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    tenant_id INTEGER REFERENCES tenants (id),
    storefront_id INTEGER REFERENCES storefronts (id),
    instance_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('new_sale', 'upgrade', 'downgrade', 'renewal', 'add_on', 'cancellation')),
    status TEXT NOT NULL CHECK (status IN ('placed', 'screening', 'awaiting_payment', 'awaiting_approval', 'provisioning', 'completed', 'rejected', 'cancelled', 'failed')),
    failure_reason TEXT,
    selection_json TEXT NOT NULL DEFAULT '{}',
    total_minor INTEGER NOT NULL DEFAULT 0 CHECK (total_minor >= 0),
    currency TEXT NOT NULL DEFAULT 'EUR' CHECK (length(currency) = 3),
    client_ip TEXT NOT NULL DEFAULT '',
    flag_reasons TEXT NOT NULL DEFAULT '',
    -- Kept only until the instance's admin is created (provisioning may wait for an operator).
    admin_password_hash TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
INSERT INTO orders_v2 (id, public_token, idempotency_key, customer_id, plan_id, tenant_id, instance_name, kind, status, failure_reason, created_at, updated_at)
    SELECT id, public_token, idempotency_key, customer_id, plan_id, tenant_id, instance_name, kind, status, failure_reason, created_at, updated_at FROM orders;
DROP TABLE orders;
ALTER TABLE orders_v2 RENAME TO orders;

CREATE TABLE storefront_plans (
    storefront_id INTEGER NOT NULL REFERENCES storefronts (id),
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    PRIMARY KEY (storefront_id, plan_id)
);

CREATE TABLE tax_rates (
    country TEXT PRIMARY KEY CHECK (length(country) = 2),
    basis_points INTEGER NOT NULL CHECK (basis_points BETWEEN 0 AND 10000)
);

CREATE TABLE order_events (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders (id),
    event TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    actor TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX order_events_by_order ON order_events (order_id, id);

CREATE TABLE payment_methods (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    gateway TEXT NOT NULL,
    token TEXT NOT NULL,
    brand TEXT NOT NULL,
    last4 TEXT NOT NULL,
    exp_month INTEGER NOT NULL,
    exp_year INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    storefront_id INTEGER NOT NULL REFERENCES storefronts (id),
    number TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    order_id INTEGER REFERENCES orders (id),
    status TEXT NOT NULL CHECK (status IN ('open', 'paid', 'void')),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    subtotal_minor INTEGER NOT NULL CHECK (subtotal_minor >= 0),
    tax_minor INTEGER NOT NULL CHECK (tax_minor >= 0),
    total_minor INTEGER NOT NULL CHECK (total_minor = subtotal_minor + tax_minor),
    tax_basis_points INTEGER NOT NULL,
    issued_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    paid_at TEXT,
    UNIQUE (storefront_id, number)
);

CREATE TABLE invoice_lines (
    id INTEGER PRIMARY KEY,
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity >= 1),
    unit_minor INTEGER NOT NULL,
    amount_minor INTEGER NOT NULL
);

CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    order_id INTEGER REFERENCES orders (id),
    invoice_id INTEGER REFERENCES invoices (id),
    gateway TEXT NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    idempotency_key TEXT NOT NULL UNIQUE,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    status TEXT NOT NULL CHECK (status IN ('pending', 'captured', 'refunded', 'voided', 'declined')),
    detail TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL UNIQUE,
    key_hash TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

ALTER TABLE plans ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE plans ADD COLUMN status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published', 'retired'));

-- A plan's single price becomes its first priced period.
INSERT INTO plan_periods (plan_id, months, setup_fee_minor, recurring_fee_minor, renewal_fee_minor)
    SELECT id, period_months, setup_fee_minor, price_minor, price_minor FROM plans;
ALTER TABLE plans DROP COLUMN price_minor;
ALTER TABLE plans DROP COLUMN setup_fee_minor;
ALTER TABLE plans DROP COLUMN period_months;
UPDATE plans SET status = CASE WHEN published = 1 THEN 'published' ELSE 'draft' END;
ALTER TABLE plans DROP COLUMN published;
