//! What the operator reads: counts per level and the tenants that need attention (from the
//! levels stored on the tenants: one indexed read however large the fleet), and one tenant's
//! checks.
use crate::backend::db::show_minute;
use crate::backend::state::AppState;
use crate::domain::health::{format_bytes, HealthLevel};
use crate::domain::TenantState;
use crate::error::{AppError, Result};
use crate::wire::health::{AttentionView, HealthCheckView, HealthSummaryView, TenantHealthView};

/// The most tenants the attention list shows.
pub const ATTENTION_LIMIT: i64 = 50;

/// The most checks a tenant's page shows.
pub const HISTORY_LIMIT: i64 = 50;

/// Counts of live tenants per level and the ones at warning or critical, newest problem first.
pub async fn summary(st: &AppState) -> Result<HealthSummaryView> {
    let live = super::live_states_sql();
    let counts: Vec<(Option<HealthLevel>, i64)> = sqlx::query_as(&format!(
        "SELECT health_level, COUNT(*) FROM tenants WHERE state IN ({live}) GROUP BY health_level"
    ))
    .fetch_all(&st.pool)
    .await?;
    let count = |level: Option<HealthLevel>| {
        counts
            .iter()
            .filter(|(l, _)| *l == level)
            .map(|(_, n)| n)
            .sum::<i64>()
    };
    let rows: Vec<AttentionRow> = sqlx::query_as(&format!(
            "SELECT id, name, health_level, health_reason, health_since, health_checked_at FROM tenants \
             WHERE health_level IN ('warning', 'critical') AND state IN ({live}) \
             ORDER BY health_since DESC, id DESC LIMIT $1"
        ))
        .bind(ATTENTION_LIMIT)
        .fetch_all(&st.pool)
        .await?;
    let (last_round,): (Option<String>,) =
        sqlx::query_as("SELECT MAX(last_run_at) FROM health_settings")
            .fetch_one(&st.pool)
            .await?;
    Ok(HealthSummaryView {
        healthy: count(Some(HealthLevel::Healthy)),
        warning: count(Some(HealthLevel::Warning)),
        critical: count(Some(HealthLevel::Critical)),
        unchecked: count(None),
        attention: rows
            .into_iter()
            .map(
                |(tenant_id, name, level, reason, since, checked)| AttentionView {
                    tenant_id,
                    name,
                    level,
                    reason,
                    since: since.as_deref().map(show_minute).unwrap_or_default(),
                    checked_at: checked.as_deref().map(show_minute).unwrap_or_default(),
                },
            )
            .collect(),
        last_round: last_round.as_deref().map(show_minute),
    })
}

type AttentionRow = (
    i64,
    String,
    HealthLevel,
    String,
    Option<String>,
    Option<String>,
);

type CheckRow = (
    String,
    HealthLevel,
    String,
    i64,
    Option<i64>,
    Option<i64>,
    Option<String>,
    i64,
    i64,
);

/// A tenant's newest checks, at most `limit`, newest first.
pub async fn history(st: &AppState, tenant_id: i64, limit: i64) -> Result<Vec<HealthCheckView>> {
    let rows: Vec<CheckRow> = sqlx::query_as(
        "SELECT checked_at, level, reasons, reachable, size_bytes, users, last_activity_at, failed_jobs, duration_ms \
         FROM health_checks WHERE tenant_id = $1 ORDER BY checked_at DESC, id DESC LIMIT $2",
    )
    .bind(tenant_id)
    .bind(limit.clamp(1, 500))
    .fetch_all(&st.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(at, level, reasons, reachable, size, users, activity, failed, ms)| HealthCheckView {
                checked_at: show_minute(&at),
                level,
                reasons: reasons
                    .lines()
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect(),
                reachable: reachable == 1,
                size: size.map(format_bytes),
                size_bytes: size,
                users,
                last_activity: activity.as_deref().map(show_minute),
                failed_jobs: failed,
                duration_ms: ms,
            },
        )
        .collect())
}

/// A tenant's current level and its newest checks.
pub async fn tenant_health(st: &AppState, tenant_id: i64) -> Result<TenantHealthView> {
    let (state, level, reason, since): (TenantState, Option<HealthLevel>, String, Option<String>) =
        sqlx::query_as(
            "SELECT state, health_level, health_reason, health_since FROM tenants WHERE id = $1",
        )
        .bind(tenant_id)
        .fetch_optional(&st.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(TenantHealthView {
        tenant_id,
        live: state.is_live(),
        level,
        reason,
        since: since.as_deref().map(show_minute),
        checks: history(st, tenant_id, HISTORY_LIMIT).await?,
    })
}
