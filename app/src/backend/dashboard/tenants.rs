//! Tenants by state now, with new orders that wait for payment or approval counted apart (their
//! tenant exists, in `provisioning`, but nothing is being set up yet), and the newest tenants.
use crate::backend::db::show_minute;
use crate::backend::mrr::fold::MonthlySum;
use crate::backend::state::AppState;
use crate::domain::TenantState;
use crate::error::Result;
use crate::wire::dashboard::{StateCount, TenantRowView};

/// Counts per state, and the new orders awaiting payment and approval.
pub struct Counts {
    pub by_state: Vec<StateCount>,
    pub awaiting_payment: i64,
    pub awaiting_approval: i64,
    pub live: i64,
}

/// The counts now: each state's changes summed over all months (every state change is an event,
/// so this is the count, read from the monthly sums instead of the whole table).
pub async fn counts(st: &AppState, sums: &[MonthlySum]) -> Result<Counts> {
    let mut counts: Vec<(TenantState, i64)> = Vec::new();
    for s in sums.iter().filter(|s| s.series == "tenants") {
        if let Ok(state) = s.key.parse::<TenantState>() {
            match counts.iter_mut().find(|(k, _)| *k == state) {
                Some((_, n)) => *n += s.count,
                None => counts.push((state, s.count)),
            }
        }
    }
    // A bank transfer's order waits for the operator to approve it once the money is in: it is
    // waiting for payment; other orders awaiting approval were flagged by screening.
    let waiting: Vec<(String, i64)> = sqlx::query_as(
        "SELECT CASE WHEN o.status = 'awaiting_approval' AND EXISTS (SELECT 1 FROM order_events e \
           WHERE e.order_id = o.id AND e.event = 'payment_offline') THEN 'awaiting_payment' ELSE o.status END AS waiting, \
         COUNT(*) FROM orders o JOIN tenants t ON t.id = o.tenant_id \
         WHERE o.kind = 'new_sale' AND o.status IN ('placed', 'screening', 'awaiting_payment', 'awaiting_approval') \
         AND t.state = 'provisioning' GROUP BY 1",
    )
    .fetch_all(&st.pool)
    .await?;
    let of = |s: &str| {
        waiting
            .iter()
            .filter(|(k, _)| k == s)
            .map(|(_, n)| *n)
            .sum::<i64>()
    };
    let (awaiting_payment, awaiting_approval) = (of("awaiting_payment"), of("awaiting_approval"));
    // Placed or being screened: a moment before payment; not set up yet either.
    let not_started = awaiting_payment + awaiting_approval + of("placed") + of("screening");
    let by_state: Vec<StateCount> = TenantState::ALL
        .iter()
        .map(|&state| {
            let n = counts
                .iter()
                .find(|(k, _)| *k == state)
                .map_or(0, |(_, n)| *n);
            let count = if state == TenantState::Provisioning {
                (n - not_started).max(0)
            } else {
                n
            };
            StateCount { state, count }
        })
        .collect();
    let live = by_state
        .iter()
        .filter(|c| {
            matches!(
                c.state,
                TenantState::Provisioning
                    | TenantState::Trial
                    | TenantState::Active
                    | TenantState::PastDue
                    | TenantState::Migrating
            )
        })
        .map(|c| c.count)
        .sum();
    Ok(Counts {
        by_state,
        awaiting_payment,
        awaiting_approval,
        live,
    })
}

/// The newest tenants (the tenants page lists them all).
pub async fn newest(st: &AppState, limit: i64) -> Result<Vec<TenantRowView>> {
    let rows: Vec<(i64, String, TenantState, String, String, String)> = sqlx::query_as(&format!(
        "SELECT t.id, t.name, t.state, p.name, c.company, t.created_at FROM tenants t \
         JOIN plans p ON p.id = t.plan_id JOIN customers c ON c.id = t.customer_id ORDER BY t.id DESC LIMIT {limit}"
    ))
    .fetch_all(&st.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, name, state, plan_name, company, created_at)| TenantRowView {
                id,
                url: st.config.instance_url(&name),
                name,
                state,
                plan_name,
                company,
                created_at: show_minute(&created_at),
            },
        )
        .collect())
}
