//! Moving a rehearsal's clock: the platform's sweep runs on the copy at each moment billing has
//! something due on the way (a day apart at most, and at each period's end, trial's end and card
//! retry), as the servers' sweep would have; the mail it would have sent is kept with its time.
use chrono::{DateTime, Utc};

use super::sandbox::Sandbox;
use crate::backend::db::{parse_ts, ts};
use crate::backend::sweep;
use crate::domain::rehearsal::next_tick;
use crate::error::{AppError, Result};

/// How long one tick waits for the work the sweep started (a renewal being applied).
const JOBS_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs the copy's billing from its clock up to `target`; with `stop_at_event`, stops after the
/// first tick at which billing did something.
pub async fn run(sandbox: &Sandbox, target: DateTime<Utc>, stop_at_event: bool) -> Result<()> {
    let pool = &sandbox.state.pool;
    loop {
        let now = sandbox.state.now();
        if now >= target {
            return Ok(());
        }
        let next = next_tick(now, target, &deadlines(pool).await?);
        sandbox.clock.set(next);
        let before = activity(pool).await?;
        sweep::run_once(&sandbox.state).await;
        if !sandbox.state.jobs.wait_idle(JOBS_LIMIT).await {
            tracing::error!("a rehearsal's renewal did not finish in time");
            return Err(AppError::Internal);
        }
        keep_mail(sandbox, next).await?;
        if stop_at_event && activity(pool).await? != before {
            return Ok(());
        }
    }
}

/// The moments billing acts on exactly: periods' and trials' ends, planned card retries.
async fn deadlines(pool: &sqlx::AnyPool) -> Result<Vec<DateTime<Utc>>> {
    let rows: Vec<(Option<String>,)> = sqlx::query_as(
        "SELECT period_end FROM subscriptions WHERE status IN ('active', 'trial') \
         UNION ALL SELECT trial_ends_at FROM subscriptions WHERE status = 'trial' \
         UNION ALL SELECT next_attempt_at FROM dunnings WHERE status = 'open'",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(t,)| t.as_deref().and_then(parse_ts))
        .collect())
}

/// How much has happened in the copy: it changes when billing does anything.
async fn activity(pool: &sqlx::AnyPool) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM tenant_events) + (SELECT COUNT(*) FROM subscription_events) \
         + (SELECT COUNT(*) FROM orders) + (SELECT COUNT(*) FROM invoices) \
         + (SELECT COUNT(*) FROM invoice_events) + (SELECT COUNT(*) FROM payments) \
         + (SELECT COUNT(*) FROM rehearsal_mails)",
    )
    .fetch_one(pool)
    .await?;
    Ok(n)
}

async fn keep_mail(sandbox: &Sandbox, at: DateTime<Utc>) -> Result<()> {
    for mail in sandbox.state.mailer.take_kept() {
        sqlx::query(
            "INSERT INTO rehearsal_mails (sent_at, recipient, subject, body) VALUES ($1, $2, $3, $4)",
        )
        .bind(ts(at))
        .bind(&mail.to)
        .bind(&mail.subject)
        .bind(&mail.body)
        .execute(&sandbox.state.pool)
        .await?;
    }
    Ok(())
}
