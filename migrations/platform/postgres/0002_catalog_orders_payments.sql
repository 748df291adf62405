-- Priced periods, resources and add-ons, storefronts and tax rates; the order workflow's events,
-- payments, invoices and API keys.
CREATE TABLE resources (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    unit TEXT NOT NULL
);

CREATE TABLE plan_periods (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans (id),
    months BIGINT NOT NULL CHECK (months BETWEEN 1 AND 36),
    setup_fee_minor BIGINT NOT NULL CHECK (setup_fee_minor >= 0),
    recurring_fee_minor BIGINT NOT NULL CHECK (recurring_fee_minor >= 0),
    renewal_fee_minor BIGINT NOT NULL CHECK (renewal_fee_minor >= 0),
    UNIQUE (plan_id, months)
);

CREATE TABLE plan_resource_rates (
    plan_id BIGINT NOT NULL REFERENCES plans (id),
    resource_id BIGINT NOT NULL REFERENCES resources (id),
    included BIGINT NOT NULL CHECK (included >= 0),
    hard_limit BIGINT NOT NULL CHECK (hard_limit >= included),
    setup_fee_per_unit_minor BIGINT NOT NULL CHECK (setup_fee_per_unit_minor >= 0),
    recurring_fee_per_unit_minor BIGINT NOT NULL CHECK (recurring_fee_per_unit_minor >= 0),
    overage_per_unit_minor BIGINT NOT NULL CHECK (overage_per_unit_minor >= 0),
    PRIMARY KEY (plan_id, resource_id)
);

CREATE TABLE addons (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    setup_fee_minor BIGINT NOT NULL CHECK (setup_fee_minor >= 0),
    recurring_fee_minor BIGINT NOT NULL CHECK (recurring_fee_minor >= 0),
    currency TEXT NOT NULL CHECK (length(currency) = 3)
);

CREATE TABLE plan_addons (
    plan_id BIGINT NOT NULL REFERENCES plans (id),
    addon_id BIGINT NOT NULL REFERENCES addons (id),
    max_quantity BIGINT NOT NULL CHECK (max_quantity >= 1),
    PRIMARY KEY (plan_id, addon_id)
);

CREATE TABLE storefronts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    logo_url TEXT NOT NULL DEFAULT '',
    primary_color TEXT NOT NULL DEFAULT '#3b5bdb',
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    invoice_prefix TEXT NOT NULL,
    next_invoice_number BIGINT NOT NULL CHECK (next_invoice_number >= 1),
    is_default BIGINT NOT NULL CHECK (is_default IN (0, 1))
);

-- Orders gain the workflow's statuses, their storefront, price and screening result.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('placed', 'screening', 'awaiting_payment', 'awaiting_approval', 'provisioning', 'completed', 'rejected', 'cancelled', 'failed'));
ALTER TABLE orders ADD COLUMN storefront_id BIGINT REFERENCES storefronts (id);
ALTER TABLE orders ADD COLUMN selection_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE orders ADD COLUMN total_minor BIGINT NOT NULL DEFAULT 0 CHECK (total_minor >= 0);
ALTER TABLE orders ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR' CHECK (length(currency) = 3);
ALTER TABLE orders ADD COLUMN client_ip TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN flag_reasons TEXT NOT NULL DEFAULT '';
-- Kept only until the instance's admin is created (provisioning may wait for an operator).
ALTER TABLE orders ADD COLUMN admin_password_hash TEXT;

CREATE TABLE storefront_plans (
    storefront_id BIGINT NOT NULL REFERENCES storefronts (id),
    plan_id BIGINT NOT NULL REFERENCES plans (id),
    PRIMARY KEY (storefront_id, plan_id)
);

CREATE TABLE tax_rates (
    country TEXT PRIMARY KEY CHECK (length(country) = 2),
    basis_points BIGINT NOT NULL CHECK (basis_points BETWEEN 0 AND 10000)
);

CREATE TABLE order_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES orders (id),
    event TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    actor TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX order_events_by_order ON order_events (order_id, id);

CREATE TABLE payment_methods (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    gateway TEXT NOT NULL,
    token TEXT NOT NULL,
    brand TEXT NOT NULL,
    last4 TEXT NOT NULL,
    exp_month BIGINT NOT NULL,
    exp_year BIGINT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE invoices (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    storefront_id BIGINT NOT NULL REFERENCES storefronts (id),
    number TEXT NOT NULL,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    order_id BIGINT REFERENCES orders (id),
    status TEXT NOT NULL CHECK (status IN ('open', 'paid', 'void')),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    subtotal_minor BIGINT NOT NULL CHECK (subtotal_minor >= 0),
    tax_minor BIGINT NOT NULL CHECK (tax_minor >= 0),
    total_minor BIGINT NOT NULL CHECK (total_minor = subtotal_minor + tax_minor),
    tax_basis_points BIGINT NOT NULL,
    issued_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    paid_at TEXT,
    UNIQUE (storefront_id, number)
);

CREATE TABLE invoice_lines (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invoice_id BIGINT NOT NULL REFERENCES invoices (id),
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    quantity BIGINT NOT NULL CHECK (quantity >= 1),
    unit_minor BIGINT NOT NULL,
    amount_minor BIGINT NOT NULL
);

CREATE TABLE payments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id BIGINT REFERENCES orders (id),
    invoice_id BIGINT REFERENCES invoices (id),
    gateway TEXT NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    idempotency_key TEXT NOT NULL UNIQUE,
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    status TEXT NOT NULL CHECK (status IN ('pending', 'captured', 'refunded', 'voided', 'declined')),
    detail TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE api_keys (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL UNIQUE,
    key_hash TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

ALTER TABLE plans ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE plans ADD COLUMN status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published', 'retired'));

-- A plan's single price becomes its first priced period.
INSERT INTO plan_periods (plan_id, months, setup_fee_minor, recurring_fee_minor, renewal_fee_minor)
    SELECT id, period_months, setup_fee_minor, price_minor, price_minor FROM plans;
ALTER TABLE plans DROP COLUMN price_minor;
ALTER TABLE plans DROP COLUMN setup_fee_minor;
ALTER TABLE plans DROP COLUMN period_months;
UPDATE plans SET status = CASE WHEN published = 1 THEN 'published' ELSE 'draft' END;
ALTER TABLE plans DROP COLUMN published;
