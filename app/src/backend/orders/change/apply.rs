//! Applying a paid (or free) change order to the subscription, as the provisioning job of a
//! change: the new plan and configuration (with the modules the new plan's template adds), a
//! downgrade's credit, the next period of a renewal, or the end set for a cancellation.
use chrono::{DateTime, Utc};
use sqlx::{AnyConnection, Connection};

use crate::backend::catalog::plan_by_id;
use crate::backend::catalog::template_spec;
use crate::backend::credit_notes;
use crate::backend::db::{parse_ts, ts};
use crate::backend::orders::advance;
use crate::backend::provisioning::TenantDb;
use crate::backend::state::AppState;
use crate::domain::credit_notes::RefundDestination;
use crate::domain::order_flow::{FlowContext, OrderEvent, OrderKind};
use crate::domain::payment::ManualGateway;
use crate::domain::pricing::Selection;
use crate::domain::Actor;
use crate::error::{AppError, Result};

#[derive(sqlx::FromRow)]
struct ChangeRow {
    kind: String,
    tenant_id: i64,
    customer_id: i64,
    plan_id: i64,
    selection_json: String,
    credit_minor: i64,
    currency: String,
    period_end: String,
    period_paid_minor: Option<i64>,
    recurring_minor: Option<i64>,
    created_at: String,
}

/// Whether the order is a change of a running subscription (not a new sale).
pub async fn is_change(st: &AppState, order_id: i64) -> Result<bool> {
    let (kind,): (String,) = sqlx::query_as("SELECT kind FROM orders WHERE id = $1")
        .bind(order_id)
        .fetch_one(&st.pool)
        .await?;
    Ok(kind != OrderKind::NewSale.as_str())
}

/// Applies the change order (whose lease the caller holds) and completes it.
pub async fn run(st: &AppState, order_id: i64) -> Result<()> {
    let o: ChangeRow = sqlx::query_as(
        "SELECT o.kind, o.tenant_id, o.customer_id, o.plan_id, o.selection_json, o.credit_minor, o.currency, \
         s.period_end, o.period_paid_minor, o.recurring_minor, o.created_at \
         FROM orders o JOIN subscriptions s ON s.tenant_id = o.tenant_id \
         WHERE o.id = $1",
    )
    .bind(order_id)
    .fetch_optional(&st.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let kind: OrderKind = o.kind.parse()?;
    if matches!(
        kind,
        OrderKind::Upgrade | OrderKind::Downgrade | OrderKind::AddOn
    ) {
        if let Some(db) = TenantDb::of_tenant(&st.pool, o.tenant_id).await? {
            if let Err(e) = install_new_modules(st, &db, o.plan_id).await {
                return failed(st, order_id, &format!("installing modules failed: {e}")).await;
            }
        }
    }
    let now = st.now();
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    match kind {
        OrderKind::Cancellation => {
            sqlx::query("UPDATE subscriptions SET cancel_at_period_end = 1 WHERE tenant_id = $1")
                .bind(o.tenant_id)
                .execute(&mut *tx)
                .await?;
        }
        OrderKind::Renewal => {
            let start = parse_ts(&o.period_end).ok_or(AppError::Internal)?;
            let sel: Selection = serde_json::from_str(&o.selection_json).unwrap_or_default();
            let next = NextPeriod {
                tenant_id: o.tenant_id,
                plan_id: o.plan_id,
                start,
                months: sel.period_months,
                paid_minor: o.period_paid_minor,
                recurring_minor: o.recurring_minor.or(o.period_paid_minor),
            };
            renew_period(&mut tx, now, &next).await?;
        }
        _ => {
            sqlx::query(
                "UPDATE subscriptions SET plan_id = $1, selection_json = $2, \
                 period_paid_minor = COALESCE($3, period_paid_minor), \
                 period_paid_from = CASE WHEN $3 IS NULL THEN period_paid_from ELSE $4 END, \
                 recurring_minor = COALESCE($6, recurring_minor) WHERE tenant_id = $5",
            )
            .bind(o.plan_id)
            .bind(&o.selection_json)
            .bind(o.period_paid_minor)
            .bind(&o.created_at)
            .bind(o.tenant_id)
            .bind(o.recurring_minor)
            .execute(&mut *tx)
            .await?;
            crate::backend::mrr::sync(&mut tx, now, o.tenant_id).await?;
            set_tenant_plan(&mut tx, o.tenant_id, o.plan_id).await?;
            if o.credit_minor > 0 {
                let note = format!("{} credit", kind.label());
                grant_credit(&mut tx, now, &o, order_id, &note).await?;
            }
        }
    }
    complete(&mut tx, now, order_id).await?;
    tx.commit().await?;
    Ok(())
}

/// A downgrade's credit is given back by credit notes on the subscription's paid invoices, newest
/// first, each up to what it can still carry (its total less what was credited), which puts the
/// credit on the customer's account; a period paid over several invoices gets several notes. What
/// no invoice can carry (a period paid before invoices) is recorded as plain credit.
async fn grant_credit(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    o: &ChangeRow,
    order_id: i64,
    note: &str,
) -> Result<()> {
    // The credit is net of tax (the change quote credits the unused service); the notes give it
    // back with the tax the invoices charged on it, at their rate.
    let (rate,): (i64,) = sqlx::query_as(
        "SELECT COALESCE(MAX(i.tax_basis_points), 0) FROM invoices i JOIN orders x ON x.id = i.order_id \
         WHERE x.tenant_id = $1 AND i.status = 'paid' AND i.currency = $2 AND i.reverse_charge = 0",
    )
    .bind(o.tenant_id)
    .bind(&o.currency)
    .fetch_one(&mut *conn)
    .await?;
    let currency = crate::domain::Currency::parse(&o.currency)?;
    let net = crate::domain::Money::new(o.credit_minor, currency);
    let gross = net.checked_add(&crate::domain::pricing::tax_on(
        net,
        u32::try_from(rate).unwrap_or(0),
    )?)?;
    let carriers: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT i.id, i.total_minor - i.credited_minor FROM invoices i JOIN orders x ON x.id = i.order_id \
         WHERE x.tenant_id = $1 AND x.id <> $2 AND i.status = 'paid' AND i.currency = $3 \
         AND i.tax_basis_points = $4 AND i.total_minor > i.credited_minor ORDER BY i.id DESC",
    )
    .bind(o.tenant_id)
    .bind(order_id)
    .bind(&o.currency)
    .bind(rate)
    .fetch_all(&mut *conn)
    .await?;
    let mut left = gross.minor;
    let mut noted_net = 0;
    for (invoice_id, room) in carriers {
        if left == 0 {
            break;
        }
        let amount = crate::domain::Money::new(left.min(room), currency);
        let credit = credit_notes::NewCreditNote {
            invoice_id,
            amount,
            destination: RefundDestination::CustomerCredit,
            reason: note,
            actor: &Actor::System,
            gateway: &ManualGateway,
            order_id: Some(order_id),
        };
        let issued = credit_notes::issue(conn, now, credit).await?;
        let (net_part,): (i64,) =
            sqlx::query_as("SELECT subtotal_minor FROM credit_notes WHERE id = $1")
                .bind(issued.id)
                .fetch_one(&mut *conn)
                .await?;
        noted_net += net_part;
        left -= amount.minor;
    }
    if left == 0 {
        return Ok(());
    }
    // What no invoice carries goes on the account as it is, net of tax like the rest.
    let rest = (o.credit_minor - noted_net).max(0);
    tracing::warn!(
        order_id,
        rest,
        "no invoice carries all of the downgrade's credit; the rest recorded without a credit note"
    );
    if rest > 0 {
        sqlx::query(
            "INSERT INTO customer_credits (customer_id, order_id, amount_minor, currency, note, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(o.customer_id)
        .bind(order_id)
        .bind(rest)
        .bind(&o.currency)
        .bind(note)
        .bind(ts(now))
        .execute(conn)
        .await?;
    }
    Ok(())
}

/// The period a renewal paid for.
pub(super) struct NextPeriod {
    pub tenant_id: i64,
    /// The plan (version) renewed on.
    pub plan_id: i64,
    /// Where the period starts: the end of the one before.
    pub start: DateTime<Utc>,
    pub months: u32,
    /// What the whole period costs (less a coupon), if the renewal says.
    pub paid_minor: Option<i64>,
    /// What the subscription renews for from this period on (None keeps it).
    pub recurring_minor: Option<i64>,
}

/// Moves the subscription into the period a renewal paid for, in the caller's transaction; its
/// MRR follows what it now renews for.
pub(super) async fn renew_period(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    next: &NextPeriod,
) -> Result<()> {
    let end = super::super::record::add_months(next.start, i64::from(next.months));
    sqlx::query(
        "UPDATE subscriptions SET plan_id = $1, period_start = $2, period_end = $3, \
         period_paid_minor = COALESCE($4, period_paid_minor), period_paid_from = $2, \
         recurring_minor = COALESCE($6, recurring_minor) WHERE tenant_id = $5",
    )
    .bind(next.plan_id)
    .bind(ts(next.start))
    .bind(ts(end))
    .bind(next.paid_minor)
    .bind(next.tenant_id)
    .bind(next.recurring_minor)
    .execute(&mut *conn)
    .await?;
    set_tenant_plan(conn, next.tenant_id, next.plan_id).await?;
    crate::backend::mrr::sync(conn, now, next.tenant_id).await
}

pub(super) async fn set_tenant_plan(
    conn: &mut AnyConnection,
    tenant_id: i64,
    plan_id: i64,
) -> Result<()> {
    sqlx::query("UPDATE tenants SET plan_id = $1 WHERE id = $2")
        .bind(plan_id)
        .bind(tenant_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Completes the applied change order, in the caller's transaction.
pub(super) async fn complete(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    order_id: i64,
) -> Result<()> {
    let ctx = FlowContext::default();
    advance(
        conn,
        now,
        order_id,
        &OrderEvent::Provisioned,
        &ctx,
        &Actor::System,
    )
    .await?;
    sqlx::query("UPDATE orders SET provision_lease_until = NULL WHERE id = $1")
        .bind(order_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The change could not be applied: the order fails (the operator retries or rejects it).
pub(super) async fn failed(st: &AppState, order_id: i64, reason: &str) -> Result<()> {
    let now = st.now();
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let event = OrderEvent::ProvisioningFailed {
        reason: reason.to_string(),
    };
    advance(
        &mut tx,
        now,
        order_id,
        &event,
        &FlowContext::default(),
        &Actor::System,
    )
    .await?;
    sqlx::query(
        "UPDATE orders SET failure_reason = $1, provision_lease_until = NULL WHERE id = $2",
    )
    .bind("The change could not be applied; our team has been notified and can retry it.")
    .bind(order_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Installs the modules of the new plan's template that the instance does not have yet.
pub(super) async fn install_new_modules(
    st: &AppState,
    db: &TenantDb,
    plan_id: i64,
) -> std::result::Result<(), String> {
    let plan = plan_by_id(&st.pool, plan_id)
        .await
        .map_err(|e| e.to_string())?;
    let spec = template_spec(&st.pool, plan.id)
        .await
        .map_err(|e| e.to_string())?;
    let mut conn = db.connect(&st.config).await.map_err(|e| e.to_string())?;
    let now = ts(st.now());
    for module in &spec.modules {
        let (have,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM modules WHERE code = $1")
            .bind(module)
            .fetch_one(&mut conn)
            .await
            .map_err(|e| e.to_string())?;
        if have == 0 {
            sqlx::query("INSERT INTO modules (code, installed_at) VALUES ($1, $2)")
                .bind(module)
                .bind(&now)
                .execute(&mut conn)
                .await
                .map_err(|e| e.to_string())?;
        }
    }
    conn.close().await.map_err(|e| e.to_string())
}
