//! The operator's dashboard: tenants by state and the newest tenants.
use super::state::AppState;
use crate::api::operator::{DashboardView, StateCount, TenantRowView};
use crate::domain::TenantState;
use crate::error::{AppError, Result};

const STATES: [TenantState; 6] = [
    TenantState::Trial,
    TenantState::Active,
    TenantState::Provisioning,
    TenantState::Suspended,
    TenantState::Archived,
    TenantState::Failed,
];

/// Counts and the most recent tenants.
pub async fn dashboard(st: &AppState) -> Result<DashboardView> {
    let counts: Vec<(String, i64)> =
        sqlx::query_as("SELECT state, COUNT(*) FROM tenants GROUP BY state")
            .fetch_all(&st.pool)
            .await?;
    let by_state = STATES
        .iter()
        .map(|s| StateCount {
            state: s.as_str().into(),
            label: s.label().into(),
            count: counts
                .iter()
                .find(|(k, _)| k == s.as_str())
                .map(|(_, n)| *n)
                .unwrap_or(0),
        })
        .collect::<Vec<_>>();
    let live = by_state
        .iter()
        .filter(|c| c.state != "failed" && c.state != "archived")
        .map(|c| c.count)
        .sum();
    let rows: Vec<(i64, String, String, String, String, String)> = sqlx::query_as(
        "SELECT t.id, t.name, t.state, p.name, c.company, t.created_at FROM tenants t \
         JOIN plans p ON p.id = t.plan_id JOIN customers c ON c.id = t.customer_id ORDER BY t.id DESC LIMIT 200",
    )
    .fetch_all(&st.pool)
    .await?;
    let tenants = rows
        .into_iter()
        .map(|(id, name, state, plan, company, created_at)| {
            let state: TenantState = state.parse().map_err(|_| AppError::Internal)?;
            Ok(TenantRowView {
                id,
                url: st.config.instance_url(&name),
                name,
                state: state.as_str().into(),
                state_label: state.label().into(),
                plan_name: plan,
                company,
                created_at: super::db::show_minute(&created_at),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(DashboardView {
        live_tenants: live,
        by_state,
        tenants,
    })
}
