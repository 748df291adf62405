-- MRR and the operator's dashboard.
--
-- What a subscription renews for, per period, before tax and after a running coupon (set by the
-- sale, each renewal, each change and a trial's conversion), and the monthly share of it last
-- counted as MRR (0 while it is not an active paid subscription of a running tenant).
ALTER TABLE subscriptions ADD COLUMN recurring_minor BIGINT NOT NULL DEFAULT 0 CHECK (recurring_minor >= 0);
ALTER TABLE subscriptions ADD COLUMN mrr_minor BIGINT NOT NULL DEFAULT 0 CHECK (mrr_minor >= 0);
-- What a change or renewal order puts in force as the subscription's recurring price.
ALTER TABLE orders ADD COLUMN recurring_minor BIGINT CHECK (recurring_minor >= 0);
UPDATE subscriptions SET recurring_minor = period_paid_minor WHERE period_paid_from = period_start;

-- Every change of a subscription's MRR, classified for its customer (in its currency): new,
-- expansion, contraction, churn or reactivation. Opening MRR plus a month's movements is its
-- closing MRR by construction.
CREATE TABLE mrr_movements (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    kind TEXT NOT NULL CHECK (kind IN ('new', 'expansion', 'contraction', 'churn', 'reactivation')),
    delta_minor BIGINT NOT NULL CHECK (delta_minor <> 0),
    mrr_after_minor BIGINT NOT NULL CHECK (mrr_after_minor >= 0),
    customer_mrr_after_minor BIGINT NOT NULL CHECK (customer_mrr_after_minor >= 0),
    month TEXT NOT NULL CHECK (length(month) = 7),
    created_at TEXT NOT NULL,
    -- Added into kpi_months already.
    folded BIGINT NOT NULL DEFAULT 0 CHECK (folded IN (0, 1)),
    CHECK ((kind IN ('new', 'expansion', 'reactivation')) = (delta_minor > 0))
);
CREATE INDEX mrr_movements_unfolded ON mrr_movements (id) WHERE folded = 0;
CREATE INDEX mrr_movements_by_customer ON mrr_movements (customer_id, currency, id);
CREATE INDEX mrr_movements_by_time ON mrr_movements (created_at);

-- Tenant and subscription events are folded into the monthly figures too.
ALTER TABLE tenant_events ADD COLUMN folded BIGINT NOT NULL DEFAULT 0 CHECK (folded IN (0, 1));
CREATE INDEX tenant_events_unfolded ON tenant_events (id) WHERE folded = 0;
ALTER TABLE subscription_events ADD COLUMN folded BIGINT NOT NULL DEFAULT 0 CHECK (folded IN (0, 1));
CREATE INDEX subscription_events_unfolded ON subscription_events (id) WHERE folded = 0;

-- Monthly sums of the event tables above (series mrr: per movement kind; tenants: the net
-- change of each state; trials: started and converted, by the month the trial started). The
-- dashboard reads these plus the few rows not folded yet, so it is exact and its cost does not
-- grow with the fleet's history.
CREATE TABLE kpi_months (
    series TEXT NOT NULL CHECK (series IN ('mrr', 'tenants', 'trials')),
    key TEXT NOT NULL,
    currency TEXT NOT NULL,
    month TEXT NOT NULL CHECK (length(month) = 7),
    amount_minor BIGINT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (series, key, currency, month)
);
-- One row: folding servers take turns on it.
CREATE TABLE kpi_fold (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    folded_at TEXT NOT NULL
);
INSERT INTO kpi_fold (id, folded_at) VALUES (1, '');

-- The dashboard's billing summary and tenant counts read these alone (they cover what is read).
CREATE INDEX invoices_by_issue ON invoices (issued_at, status, currency, total_minor);
CREATE INDEX invoices_open_by_due ON invoices (due_at, currency, total_minor) WHERE status = 'open';
CREATE INDEX payments_by_time ON payments (updated_at, status, currency, amount_minor);
CREATE INDEX subscriptions_renewing ON subscriptions (period_end, plan_id, recurring_minor, mrr_minor, cancel_at_period_end)
    WHERE status = 'active';
CREATE INDEX tenants_by_state ON tenants (state, id);
