//! The record of each provisioning step per attempt, written as the job runs.
use chrono::{DateTime, Utc};
use sqlx::AnyPool;

use crate::backend::db::ts;
use crate::backend::provisioning::Step;
use crate::domain::StepStatus;
use crate::error::Result;

/// One step of one attempt as recorded.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StepRecord {
    /// Attempt number (1 for the first).
    pub attempt: i64,
    /// Step code (see [`Step::code`]).
    pub step: String,
    /// How far it got.
    pub status: StepStatus,
    /// Why it failed, when it did.
    pub detail: String,
}

/// Records that a step started.
pub(super) async fn started(
    pool: &AnyPool,
    now: DateTime<Utc>,
    order_id: i64,
    attempt: i64,
    step: Step,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO provisioning_steps (order_id, attempt, step, status, started_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(order_id)
    .bind(attempt)
    .bind(step.code())
    .bind(StepStatus::Running)
    .bind(ts(now))
    .execute(pool)
    .await?;
    Ok(())
}

/// Records how a step ended: `done` or `failed` with the reason.
pub(super) async fn ended(
    pool: &AnyPool,
    now: DateTime<Utc>,
    order_id: i64,
    attempt: i64,
    step: Step,
    failure: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "UPDATE provisioning_steps SET status = $1, detail = $2, finished_at = $3 \
         WHERE order_id = $4 AND attempt = $5 AND step = $6",
    )
    .bind(match failure {
        Some(_) => StepStatus::Failed,
        None => StepStatus::Done,
    })
    .bind(failure.unwrap_or_default())
    .bind(ts(now))
    .bind(order_id)
    .bind(attempt)
    .bind(step.code())
    .execute(pool)
    .await?;
    Ok(())
}

/// Marks the finished steps of an attempt as undone by its rollback.
pub(super) async fn rolled_back(pool: &AnyPool, order_id: i64, attempt: i64) -> Result<()> {
    sqlx::query(
        "UPDATE provisioning_steps SET status = $1 WHERE order_id = $2 AND attempt = $3 AND status = $4",
    )
    .bind(StepStatus::RolledBack)
    .bind(order_id)
    .bind(attempt)
    .bind(StepStatus::Done)
    .execute(pool)
    .await?;
    Ok(())
}

/// The steps of the order's latest attempt, in the order they ran.
pub async fn latest_steps(pool: &AnyPool, order_id: i64) -> Result<Vec<StepRecord>> {
    Ok(sqlx::query_as(
        "SELECT attempt, step, status, detail FROM provisioning_steps WHERE order_id = $1 \
         AND attempt = (SELECT MAX(attempt) FROM provisioning_steps WHERE order_id = $1) ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(pool)
    .await?)
}
