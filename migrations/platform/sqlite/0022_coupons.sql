-- Coupons: a percentage or a fixed amount (in one currency) off an order's subtotal before tax,
-- for one period, several or for ever, optionally only for one plan family or storefront, with
-- an optional redemption limit and expiry. redeemed_count is raised by one conditional UPDATE
-- in the order's transaction, and the CHECK makes going past the limit impossible even so.
CREATE TABLE coupons (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 3 AND 32),
    kind TEXT NOT NULL CHECK (kind IN ('percent', 'fixed')),
    percent_basis_points INTEGER CHECK (percent_basis_points BETWEEN 1 AND 10000),
    amount_minor INTEGER CHECK (amount_minor > 0),
    currency TEXT CHECK (length(currency) = 3),
    duration TEXT NOT NULL CHECK (duration IN ('once', 'periods', 'forever')),
    periods INTEGER CHECK (periods >= 1),
    plan_family TEXT,
    storefront_id INTEGER REFERENCES storefronts (id),
    max_redemptions INTEGER CHECK (max_redemptions >= 1),
    redeemed_count INTEGER NOT NULL DEFAULT 0 CHECK (redeemed_count >= 0),
    expires_at TEXT,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    CHECK (max_redemptions IS NULL OR redeemed_count <= max_redemptions),
    CHECK ((kind = 'percent') = (percent_basis_points IS NOT NULL)),
    CHECK ((kind = 'fixed') = (amount_minor IS NOT NULL AND currency IS NOT NULL)),
    CHECK ((duration = 'periods') = (periods IS NOT NULL))
);

-- One redemption per order. periods_left counts the renewals still discounted (NULL: for ever);
-- a renewal counts it down in its own transaction.
CREATE TABLE coupon_redemptions (
    id INTEGER PRIMARY KEY,
    coupon_id INTEGER NOT NULL REFERENCES coupons (id),
    order_id INTEGER NOT NULL UNIQUE REFERENCES orders (id),
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    tenant_id INTEGER NOT NULL REFERENCES tenants (id),
    periods_left INTEGER CHECK (periods_left >= 0),
    created_at TEXT NOT NULL
);
CREATE INDEX coupon_redemptions_by_tenant ON coupon_redemptions (tenant_id);
