//! The operator's dashboard: tenants by state and the newest tenants.
use super::state::AppState;
use crate::domain::TenantState;
use crate::error::Result;
use crate::wire::operator::{DashboardView, StateCount, TenantRowView};

const STATES: [TenantState; 9] = [
    TenantState::Trial,
    TenantState::Active,
    TenantState::PastDue,
    TenantState::Provisioning,
    TenantState::Migrating,
    TenantState::Suspended,
    TenantState::Archived,
    TenantState::Terminated,
    TenantState::Failed,
];

/// Counts and the most recent tenants.
pub async fn dashboard(st: &AppState) -> Result<DashboardView> {
    let counts: Vec<(TenantState, i64)> =
        sqlx::query_as("SELECT state, COUNT(*) FROM tenants GROUP BY state")
            .fetch_all(&st.pool)
            .await?;
    let by_state = STATES
        .iter()
        .map(|&state| StateCount {
            state,
            count: counts
                .iter()
                .find(|(k, _)| *k == state)
                .map(|(_, n)| *n)
                .unwrap_or(0),
        })
        .collect::<Vec<_>>();
    let live = by_state
        .iter()
        .filter(|c| {
            !matches!(
                c.state,
                TenantState::Failed | TenantState::Archived | TenantState::Terminated
            )
        })
        .map(|c| c.count)
        .sum();
    let rows: Vec<(i64, String, TenantState, String, String, String)> = sqlx::query_as(
        "SELECT t.id, t.name, t.state, p.name, c.company, t.created_at FROM tenants t \
         JOIN plans p ON p.id = t.plan_id JOIN customers c ON c.id = t.customer_id ORDER BY t.id DESC LIMIT 200",
    )
    .fetch_all(&st.pool)
    .await?;
    let tenants = rows
        .into_iter()
        .map(
            |(id, name, state, plan, company, created_at)| TenantRowView {
                id,
                url: st.config.instance_url(&name),
                name,
                state,
                plan_name: plan,
                company,
                created_at: super::db::show_minute(&created_at),
            },
        )
        .collect();
    Ok(DashboardView {
        live_tenants: live,
        by_state,
        tenants,
    })
}
