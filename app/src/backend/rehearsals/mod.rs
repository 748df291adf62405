//! Rehearsals: an operator copies one tenant's subscription and customer into a database of its
//! own and moves that copy's clock forward, to see the invoices, charges (test gateway), mails and
//! state changes billing would make, before they happen. The platform's own code runs on the copy
//! (the sweep: renewals, dunning, reminders, trials); the copy has no instance database, keeps its
//! mail, and lives in the `rehearsals` row, so it goes when the rehearsal is deleted and any
//! server can open it.
pub mod copy;
pub mod sandbox;
pub mod ticks;
pub mod view;

use chrono::{DateTime, Duration, Utc};
use sqlx::Connection;

use self::sandbox::Sandbox;
use crate::backend::db::{parse_ts, show_minute, ts, Engine};
use crate::backend::state::AppState;
use crate::domain::rehearsal::{can_rehearse, RehearsalStep, MAX_PER_TENANT, MAX_SPAN_DAYS};
use crate::domain::TenantState;
use crate::error::{AppError, Result};
use crate::wire::rehearsals::RehearsalSummary;

#[derive(sqlx::FromRow)]
struct Stored {
    tenant_id: i64,
    started_at: String,
    sandbox_now: String,
    version: i64,
    db: Vec<u8>,
}

/// A rehearsal as kept: its tenant, its clock and its copy.
pub(crate) struct Kept {
    pub tenant_id: i64,
    pub started_at: DateTime<Utc>,
    pub now: DateTime<Utc>,
    pub version: i64,
    pub db: Vec<u8>,
}

pub(crate) async fn load(st: &AppState, rehearsal_id: i64) -> Result<Kept> {
    let r: Stored = sqlx::query_as(
        "SELECT tenant_id, started_at, sandbox_now, version, db FROM rehearsals WHERE id = $1",
    )
    .bind(rehearsal_id)
    .fetch_optional(&st.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Kept {
        tenant_id: r.tenant_id,
        started_at: parse_ts(&r.started_at).ok_or(AppError::Internal)?,
        now: parse_ts(&r.sandbox_now).ok_or(AppError::Internal)?,
        version: r.version,
        db: r.db,
    })
}

/// Copies tenant `tenant_id` (its subscription, orders, invoices, payments, dunning, customer
/// and card) with the catalog into a new rehearsal whose clock starts now; returns its id.
pub async fn open(st: &AppState, tenant_id: i64, by: &str) -> Result<i64> {
    let now = st.now();
    let (state, customer_id) = tenant(st, tenant_id).await?;
    if !can_rehearse(state) {
        return Err(AppError::Invalid(format!(
            "A tenant that is {} cannot be rehearsed: billing does not move it on.",
            state.label().to_lowercase()
        )));
    }
    let (subscriptions,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM subscriptions WHERE tenant_id = $1")
            .bind(tenant_id)
            .fetch_one(&st.pool)
            .await?;
    if subscriptions == 0 {
        return Err(AppError::Invalid(
            "This tenant has no subscription to rehearse.".into(),
        ));
    }
    check_room(&st.pool, tenant_id).await?;
    let sandbox = Sandbox::empty(st, now).await?;
    {
        let mut from = st.pool.acquire().await?;
        let read = match st.engine {
            Engine::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
            Engine::Sqlite => "BEGIN",
        };
        sqlx::query(read).execute(&mut *from).await?;
        let mut to = sandbox.state.pool.acquire().await?;
        sqlx::query("PRAGMA foreign_keys = OFF")
            .execute(&mut *to)
            .await?;
        let mut tx = to.begin().await?;
        let copied = copy::copy(&mut from, &mut tx, customer_id, tenant_id).await;
        sqlx::query("ROLLBACK").execute(&mut *from).await?;
        copied?;
        tx.commit().await?;
        sqlx::query("PRAGMA foreign_keys = ON")
            .execute(&mut *to)
            .await?;
    }
    let bytes = sandbox.into_bytes().await?;
    // The tenant's row is written first, so that openings of one tenant at the same moment take
    // turns (on PostgreSQL a row lock; on SQLite the write lock) and the limit holds.
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    crate::backend::tenants::lock(&mut tx, tenant_id).await?;
    check_room(&mut *tx, tenant_id).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO rehearsals (tenant_id, created_by, created_at, started_at, sandbox_now, version, db) \
         VALUES ($1, $2, $3, $3, $3, 0, $4) RETURNING id",
    )
    .bind(tenant_id)
    .bind(by)
    .bind(ts(now))
    .bind(bytes)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn tenant(st: &AppState, tenant_id: i64) -> Result<(TenantState, i64)> {
    sqlx::query_as("SELECT state, customer_id FROM tenants WHERE id = $1")
        .bind(tenant_id)
        .fetch_optional(&st.pool)
        .await?
        .ok_or(AppError::NotFound)
}

async fn check_room<'e, E>(db: E, tenant_id: i64) -> Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let (open,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM rehearsals WHERE tenant_id = $1")
        .bind(tenant_id)
        .fetch_one(db)
        .await?;
    if open >= MAX_PER_TENANT {
        return Err(AppError::Conflict(format!(
            "This tenant already has {MAX_PER_TENANT} rehearsals: delete one to start another."
        )));
    }
    Ok(())
}

/// Moves rehearsal `rehearsal_id`'s clock by `step`, running billing on the copy on the way.
/// Two moves at once: the first saves, the other is refused and changes nothing.
pub async fn advance(st: &AppState, rehearsal_id: i64, step: RehearsalStep) -> Result<()> {
    let kept = load(st, rehearsal_id).await?;
    let limit = kept.started_at + Duration::days(MAX_SPAN_DAYS);
    if kept.now >= limit {
        return Err(AppError::Invalid(
            "This rehearsal has run five years ahead, as far as one goes: start a new one.".into(),
        ));
    }
    let target = step.target(kept.now).min(limit);
    let sandbox = Sandbox::open(st, &kept.db, kept.now).await?;
    let moved = ticks::run(&sandbox, target, step.stops_at_event()).await;
    let now = sandbox.state.now();
    if let Err(e) = moved {
        sandbox.close().await;
        return Err(e);
    }
    let bytes = sandbox.into_bytes().await?;
    let saved = sqlx::query(
        "UPDATE rehearsals SET db = $1, sandbox_now = $2, version = version + 1 \
         WHERE id = $3 AND version = $4",
    )
    .bind(bytes)
    .bind(ts(now))
    .bind(rehearsal_id)
    .bind(kept.version)
    .execute(&st.pool)
    .await?;
    if saved.rows_affected() == 0 {
        return Err(AppError::Conflict(
            "This rehearsal was moved by someone else at the same time: the page shows their move."
                .into(),
        ));
    }
    Ok(())
}

/// Deletes rehearsal `rehearsal_id` and its copy; returns the tenant it rehearsed.
pub async fn remove(st: &AppState, rehearsal_id: i64) -> Result<i64> {
    let found: Option<(i64,)> =
        sqlx::query_as("DELETE FROM rehearsals WHERE id = $1 RETURNING tenant_id")
            .bind(rehearsal_id)
            .fetch_optional(&st.pool)
            .await?;
    found.map(|(t,)| t).ok_or(AppError::NotFound)
}

/// Tenant `tenant_id`'s rehearsals, newest first.
pub async fn of_tenant(pool: &sqlx::AnyPool, tenant_id: i64) -> Result<Vec<RehearsalSummary>> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, created_by, created_at, sandbox_now FROM rehearsals WHERE tenant_id = $1 ORDER BY id DESC",
    )
    .bind(tenant_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, created_by, created_at, now)| RehearsalSummary {
            id,
            created_by,
            created_at: show_minute(&created_at),
            now: show_minute(&now),
        })
        .collect())
}
