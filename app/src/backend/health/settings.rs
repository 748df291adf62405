//! The operator's health settings (one row, made by the migration with the defaults) and the
//! claim that lets one server run each round.
use chrono::{DateTime, Duration, Utc};

use crate::backend::db::{show_minute, ts};
use crate::backend::state::AppState;
use crate::domain::health::{HealthSettings, Thresholds};
use crate::error::Result;
use crate::wire::health::HealthSettingsView;

type Row = (
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

const COLUMNS: &str =
    "interval_minutes, storage_warning_pct, storage_critical_pct, inactive_days, \
     failed_jobs_warning, failed_jobs_critical, next_run_at, last_run_at, updated_at, updated_by";

fn settings_of(row: &Row) -> HealthSettings {
    let n = |v: i64| u32::try_from(v).unwrap_or(0);
    HealthSettings {
        interval_minutes: n(row.0),
        thresholds: Thresholds {
            storage_warning_pct: n(row.1),
            storage_critical_pct: n(row.2),
            inactive_days: n(row.3),
            failed_jobs_warning: n(row.4),
            failed_jobs_critical: n(row.5),
        },
    }
}

async fn row(st: &AppState) -> Result<Option<Row>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM health_settings WHERE id = 1"
    ))
    .fetch_optional(&st.pool)
    .await?)
}

/// The settings in force (the defaults if the row is missing).
pub async fn current(st: &AppState) -> Result<HealthSettings> {
    Ok(row(st)
        .await?
        .map_or_else(HealthSettings::default, |r| settings_of(&r)))
}

/// The settings page's data: the settings, who changed them last, the last and next round.
pub async fn view(st: &AppState) -> Result<HealthSettingsView> {
    let Some(r) = row(st).await? else {
        return Ok(HealthSettingsView {
            settings: HealthSettings::default(),
            updated: None,
            last_round: None,
            next_round: None,
        });
    };
    Ok(HealthSettingsView {
        settings: settings_of(&r),
        updated: r
            .8
            .as_deref()
            .map(|at| format!("{} by {}", show_minute(at), r.9.as_deref().unwrap_or("?"))),
        last_round: r.7.as_deref().map(show_minute),
        next_round: Some(if r.6.is_empty() {
            "at once".to_string()
        } else {
            show_minute(&r.6)
        }),
    })
}

/// Saves settings (validated by the caller). A shorter interval brings the next round forward.
pub async fn save(st: &AppState, s: &HealthSettings, operator: &str) -> Result<()> {
    let now = st.now();
    let soonest = ts(now + Duration::minutes(i64::from(s.interval_minutes)));
    let t = &s.thresholds;
    sqlx::query(
        "INSERT INTO health_settings (id, interval_minutes, storage_warning_pct, storage_critical_pct, inactive_days, \
         failed_jobs_warning, failed_jobs_critical, next_run_at, updated_at, updated_by) \
         VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (id) DO UPDATE SET interval_minutes = excluded.interval_minutes, \
         storage_warning_pct = excluded.storage_warning_pct, storage_critical_pct = excluded.storage_critical_pct, \
         inactive_days = excluded.inactive_days, failed_jobs_warning = excluded.failed_jobs_warning, \
         failed_jobs_critical = excluded.failed_jobs_critical, updated_at = excluded.updated_at, \
         updated_by = excluded.updated_by, next_run_at = CASE WHEN health_settings.next_run_at > excluded.next_run_at \
         THEN excluded.next_run_at ELSE health_settings.next_run_at END",
    )
    .bind(i64::from(s.interval_minutes))
    .bind(i64::from(t.storage_warning_pct))
    .bind(i64::from(t.storage_critical_pct))
    .bind(i64::from(t.inactive_days))
    .bind(i64::from(t.failed_jobs_warning))
    .bind(i64::from(t.failed_jobs_critical))
    .bind(soonest)
    .bind(ts(now))
    .bind(operator)
    .execute(&st.pool)
    .await?;
    Ok(())
}

/// Claims the round due at `now`, if one is: moves the next round on by the interval in one
/// conditional update, so of several servers exactly one gets it.
pub(super) async fn claim_round(
    st: &AppState,
    now: DateTime<Utc>,
    interval_minutes: u32,
) -> Result<bool> {
    let next = now + Duration::minutes(i64::from(interval_minutes.max(1)));
    let claimed = sqlx::query(
        "UPDATE health_settings SET next_run_at = $1, last_run_at = $2 WHERE id = 1 AND next_run_at <= $2",
    )
    .bind(ts(next))
    .bind(ts(now))
    .execute(&st.pool)
    .await?;
    Ok(claimed.rows_affected() == 1)
}
