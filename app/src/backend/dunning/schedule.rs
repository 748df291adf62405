//! Each storefront's dunning schedule: stored when an operator edits it, the default until then.
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use crate::backend::db::ts;
use crate::domain::dunning::DunningSchedule;
use crate::error::{AppError, Result};
use crate::wire::dunning::DunningForm;

#[derive(sqlx::FromRow)]
struct Row {
    retry_days: String,
    reminder_days: String,
    grace_days: i64,
    archive_after_days: i64,
    retention_days: i64,
}

fn days(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// A storefront's schedule (the default when it has none of its own).
pub async fn load(conn: &mut AnyConnection, storefront_id: i64) -> Result<DunningSchedule> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT retry_days, reminder_days, grace_days, archive_after_days, retention_days \
         FROM dunning_schedules WHERE storefront_id = $1",
    )
    .bind(storefront_id)
    .fetch_optional(conn)
    .await?;
    let Some(r) = row else {
        return Ok(DunningSchedule::default());
    };
    // Stored rows were checked when saved; a row that no longer parses is a bug worth a log.
    DunningSchedule::parse(
        &r.retry_days,
        &r.reminder_days,
        days(r.grace_days),
        days(r.archive_after_days),
        days(r.retention_days),
    )
    .map_err(|e| {
        tracing::error!(storefront_id, error = %e, "stored dunning schedule is invalid");
        AppError::Internal
    })
}

/// Stores a storefront's schedule (checked by [`DunningSchedule::parse`]) in the caller's
/// transaction.
pub async fn save(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    storefront_id: i64,
    s: &DunningSchedule,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO dunning_schedules (storefront_id, retry_days, reminder_days, grace_days, archive_after_days, retention_days, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (storefront_id) DO UPDATE SET retry_days = excluded.retry_days, reminder_days = excluded.reminder_days, \
         grace_days = excluded.grace_days, archive_after_days = excluded.archive_after_days, \
         retention_days = excluded.retention_days, updated_at = excluded.updated_at",
    )
    .bind(storefront_id)
    .bind(DunningSchedule::store_days(&s.retry_days))
    .bind(DunningSchedule::store_days(&s.reminder_days))
    .bind(i64::from(s.grace_days))
    .bind(i64::from(s.archive_after_days))
    .bind(i64::from(s.retention_days))
    .bind(ts(now))
    .execute(conn)
    .await?;
    Ok(())
}

/// [`load`] on a connection of its own.
pub async fn load_from_pool(
    st: &crate::backend::state::AppState,
    storefront_id: i64,
) -> Result<DunningSchedule> {
    let mut conn = st.pool.acquire().await?;
    load(&mut conn, storefront_id).await
}

/// A storefront's schedule as the operator's form shows it.
pub async fn form(pool: &sqlx::AnyPool, storefront_id: i64) -> Result<DunningForm> {
    let mut conn = pool.acquire().await?;
    let s = load(&mut conn, storefront_id).await?;
    Ok(DunningForm {
        retry_days: DunningSchedule::show_days(&s.retry_days),
        reminder_days: DunningSchedule::show_days(&s.reminder_days),
        grace_days: s.grace_days,
        archive_after_days: s.archive_after_days,
        retention_days: s.retention_days,
    })
}

/// Saves what the operator typed for a storefront; a field that does not parse is named.
pub async fn update(
    st: &crate::backend::state::AppState,
    storefront_id: i64,
    f: &DunningForm,
) -> Result<()> {
    let parsed = DunningSchedule::parse(
        &f.retry_days,
        &f.reminder_days,
        f.grace_days,
        f.archive_after_days,
        f.retention_days,
    )
    .map_err(|e| {
        let field = match e.message() {
            m if m.starts_with("Retry days") => "retry_days",
            m if m.starts_with("Reminder days") => "reminder_days",
            m if m.contains("grace") => "grace_days",
            m if m.starts_with("Archive") || m.contains("archived (day") => "archive_after_days",
            _ => "retention_days",
        };
        AppError::from(e).in_field(field)
    })?;
    let (exists,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM storefronts WHERE id = $1")
        .bind(storefront_id)
        .fetch_one(&st.pool)
        .await?;
    if exists == 0 {
        return Err(AppError::NotFound);
    }
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    save(&mut tx, st.now(), storefront_id, &parsed).await?;
    tx.commit().await?;
    Ok(())
}

/// Schedules by storefront, each loaded once per sweep.
#[derive(Default)]
pub struct Schedules(std::collections::HashMap<i64, DunningSchedule>);

impl Schedules {
    pub async fn of(
        &mut self,
        st: &crate::backend::state::AppState,
        storefront_id: i64,
    ) -> Result<&DunningSchedule> {
        use std::collections::hash_map::Entry;
        Ok(match self.0.entry(storefront_id) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(slot) => slot.insert(load_from_pool(st, storefront_id).await?),
        })
    }

    /// The schedule of a subscription sold on `storefront_id`; one without a storefront follows
    /// the defaults.
    pub async fn of_subscription(
        &mut self,
        st: &crate::backend::state::AppState,
        storefront_id: Option<i64>,
    ) -> Result<DunningSchedule> {
        Ok(match storefront_id {
            Some(sf) => self.of(st, sf).await?.clone(),
            None => DunningSchedule::default(),
        })
    }
}
