//! MRR as the platform's records say it: each subscription keeps the monthly share it counts
//! for, and every change of it is recorded as a movement of its customer's MRR (new, expansion,
//! contraction, churn, reactivation) in the transaction that makes the change. [`fold`] sums
//! the movements (and the tenant and subscription events) into monthly figures.
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use super::db::ts;
use crate::domain::mrr::{classify, monthly, Month, MovementKind};
use crate::domain::pricing::Selection;
use crate::domain::{SubscriptionState, TenantState};
use crate::error::Result;

pub mod fold;

#[derive(sqlx::FromRow)]
struct Counted {
    customer_id: i64,
    status: SubscriptionState,
    state: TenantState,
    recurring_minor: i64,
    mrr_minor: i64,
    selection_json: String,
    currency: String,
}

/// Whether a subscription counts for MRR: active and paid, on a tenant that runs (past due still
/// runs; suspended, archived or terminated does not).
pub fn counts(status: SubscriptionState, state: TenantState) -> bool {
    status == SubscriptionState::Active
        && matches!(
            state,
            TenantState::Active | TenantState::PastDue | TenantState::Migrating
        )
}

/// Brings the MRR of `tenant_id`'s subscription up to date with its status, its tenant's state
/// and its recurring price, recording the movement, in the caller's transaction. Called after
/// every change of those; does nothing when its MRR stays the same.
pub async fn sync(conn: &mut AnyConnection, now: DateTime<Utc>, tenant_id: i64) -> Result<()> {
    let row: Option<Counted> = sqlx::query_as(
        "SELECT s.customer_id, s.status, t.state, s.recurring_minor, s.mrr_minor, s.selection_json, p.currency \
         FROM subscriptions s JOIN tenants t ON t.id = s.tenant_id JOIN plans p ON p.id = s.plan_id \
         WHERE s.tenant_id = $1",
    )
    .bind(tenant_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(s) = row else {
        return Ok(());
    };
    let months = serde_json::from_str::<Selection>(&s.selection_json)
        .map(|sel| sel.period_months)
        .unwrap_or(1);
    let mrr = if counts(s.status, s.state) {
        monthly(s.recurring_minor, months)
    } else {
        0
    };
    if mrr == s.mrr_minor {
        return Ok(());
    }
    // The customer's other subscriptions decide the kind: their changes take turns.
    sqlx::query("UPDATE customers SET company = company WHERE id = $1")
        .bind(s.customer_id)
        .execute(&mut *conn)
        .await?;
    let (before, paid_before): (i64, i64) = sqlx::query_as(
        "SELECT CAST(COALESCE((SELECT SUM(s.mrr_minor) FROM subscriptions s JOIN plans p ON p.id = s.plan_id \
           WHERE s.customer_id = $1 AND p.currency = $2), 0) AS BIGINT), \
         (SELECT COUNT(*) FROM (SELECT 1 FROM mrr_movements WHERE customer_id = $1 AND currency = $2 LIMIT 1) x)",
    )
    .bind(s.customer_id)
    .bind(&s.currency)
    .fetch_one(&mut *conn)
    .await?;
    let after = before - s.mrr_minor + mrr;
    sqlx::query("UPDATE subscriptions SET mrr_minor = $1 WHERE tenant_id = $2")
        .bind(mrr)
        .bind(tenant_id)
        .execute(&mut *conn)
        .await?;
    let Some(kind) = classify(before, after, paid_before > 0) else {
        return Ok(());
    };
    record(conn, now, tenant_id, &s, kind, mrr, after).await
}

async fn record(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    tenant_id: i64,
    s: &Counted,
    kind: MovementKind,
    mrr: i64,
    customer_after: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO mrr_movements (customer_id, tenant_id, currency, kind, delta_minor, mrr_after_minor, \
         customer_mrr_after_minor, month, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(s.customer_id)
    .bind(tenant_id)
    .bind(&s.currency)
    .bind(kind)
    .bind(mrr - s.mrr_minor)
    .bind(mrr)
    .bind(customer_after)
    .bind(Month::of(now).to_string())
    .bind(ts(now))
    .execute(conn)
    .await?;
    Ok(())
}
