//! Judging and recording one check: a `health_checks` row, the tenant's current level and latest
//! measurements, and a `health_changed` event when the level changes — in one transaction under
//! the tenant's row lock, so a round and a "check now" at once take turns.
use crate::backend::db::{self, parse_ts, ts};
use crate::backend::state::AppState;
use crate::backend::tenants;
use crate::domain::health::{classify, HealthLevel, Measurement, Quota, Thresholds};
use crate::domain::{Actor, TenantState};
use crate::error::Result;

use super::measure::{Measured, Target};

/// Records what a check measured; answers the level, or `None` when the tenant stopped running
/// meanwhile (nothing is recorded).
pub(super) async fn record(
    st: &AppState,
    target: &Target,
    measured: Measured,
    thresholds: &Thresholds,
    quota: Quota,
    actor: &Actor,
) -> Result<Option<HealthLevel>> {
    let now = st.now();
    let id = target.tenant_id;
    let mut tx = db::begin(&st.pool).await?;
    tenants::lock(&mut tx, id).await?;
    let (state, before, mark, last_write): (
        TenantState,
        Option<HealthLevel>,
        Option<String>,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT state, health_level, health_write_mark, health_last_write_at FROM tenants WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    if !state.is_live() {
        return Ok(None);
    }
    // A write counter unlike the last one seen: written since the last check.
    let last_write = match (&mark, &measured.write_mark) {
        (Some(old), Some(new)) if old != new => Some(now),
        _ => last_write.as_deref().and_then(parse_ts),
    };
    let last_activity = [
        measured.last_login,
        last_write,
        parse_ts(&target.created_at),
    ]
    .into_iter()
    .flatten()
    .max();
    let m = Measurement {
        checked_at: now,
        unreachable: measured.unreachable.clone(),
        size_bytes: measured.size_bytes,
        users: measured.users,
        last_activity,
        failed_jobs: measured.failed_jobs,
    };
    let (level, reasons) = classify(&m, thresholds, &quota);
    sqlx::query(
        "INSERT INTO health_checks (tenant_id, checked_at, level, reasons, reachable, size_bytes, users, \
         last_activity_at, failed_jobs, duration_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(id)
    .bind(ts(now))
    .bind(level)
    .bind(reasons.join("\n"))
    .bind(i64::from(m.unreachable.is_none()))
    .bind(m.size_bytes)
    .bind(m.users)
    .bind(last_activity.map(ts))
    .bind(m.failed_jobs)
    .bind(measured.duration_ms)
    .execute(&mut *tx)
    .await?;
    let reason = reasons.join("; ");
    sqlx::query(
        "UPDATE tenants SET health_since = CASE WHEN health_level = $1 THEN health_since ELSE $3 END, \
         health_level = $1, health_reason = $2, health_checked_at = $3, \
         health_size_bytes = COALESCE($4, health_size_bytes), health_users = COALESCE($5, health_users), \
         health_storage_quota_bytes = $6, health_users_included = $7, \
         health_write_mark = COALESCE($8, health_write_mark), health_last_write_at = $9 WHERE id = $10",
    )
    .bind(level)
    .bind(&reason)
    .bind(ts(now))
    .bind(m.size_bytes)
    .bind(m.users)
    .bind(quota.storage_bytes)
    .bind(quota.users)
    .bind(measured.write_mark)
    .bind(last_write.map(ts))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    // A first check that finds nothing wrong is no news; any other change of level is.
    let changed = match before {
        Some(before) => before != level,
        None => level.needs_attention(),
    };
    if changed {
        let from = before.map_or("unchecked", HealthLevel::label);
        let why = if reason.is_empty() {
            "every check passed"
        } else {
            reason.as_str()
        };
        let detail = format!("{from} \u{2192} {}: {why}", level.label());
        tenants::record_note(&mut tx, now, id, "health_changed", actor, &detail).await?;
    }
    tx.commit().await?;
    Ok(Some(level))
}
