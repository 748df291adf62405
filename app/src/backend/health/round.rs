//! Rounds of checks: the job ticks every minute on every server and runs a round when one is due
//! and this server claimed it; a round reads the live tenants page by page and checks a few at a
//! time (`TENANTRY_HEALTH_CONCURRENCY`), each check in a task of its own under the timeout, so a
//! hung instance costs one slot for the timeout and the web server keeps its threads and pool.
use std::sync::Arc;

use chrono::Duration;
use tokio::task::JoinSet;

use super::measure::{self, Target};
use super::record::record;
use super::settings;
use crate::backend::db::ts;
use crate::backend::state::AppState;
use crate::backend::utilization::Allowances;
use crate::domain::health::{HealthLevel, Thresholds};
use crate::domain::Actor;
use crate::error::{AppError, Result};

/// Tenants read per page of a round.
const PAGE: i64 = 500;

/// Checks pruned per statement, so no delete holds the database long.
const PRUNE_BATCH: i64 = 5000;

/// Runs a round if one is due and this server claims it; answers the tenants checked.
pub async fn run_due(st: &AppState) -> Result<usize> {
    let now = st.now();
    let s = settings::current(st).await?;
    if !settings::claim_round(st, now, s.interval_minutes).await? {
        return Ok(0);
    }
    let checked = run_round(st, &s.thresholds).await?;
    prune(st).await?;
    Ok(checked)
}

async fn run_round(st: &AppState, thresholds: &Thresholds) -> Result<usize> {
    let shared = Arc::new((Allowances::load(&st.pool).await?, thresholds.clone()));
    let slots = st.config.health.concurrency.max(1);
    let mut running = JoinSet::new();
    let mut checked = 0;
    let mut after = 0;
    loop {
        let page = measure::targets(st, after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.tenant_id;
        for target in page {
            while running.len() >= slots {
                checked += finished(running.join_next().await);
            }
            let (st, shared) = (st.clone(), shared.clone());
            running.spawn(async move {
                let (allowances, thresholds) = &*shared;
                check(
                    &st,
                    &target,
                    thresholds,
                    allowances,
                    &Actor::job(super::JOB),
                )
                .await
            });
        }
    }
    while !running.is_empty() {
        checked += finished(running.join_next().await);
    }
    Ok(checked)
}

/// Counts a finished check (logging one that failed).
fn finished(
    done: Option<std::result::Result<Result<Option<HealthLevel>>, tokio::task::JoinError>>,
) -> usize {
    match done {
        Some(Ok(Ok(Some(_)))) => 1,
        Some(Ok(Ok(None))) | None => 0,
        Some(Ok(Err(e))) => {
            tracing::error!(error = %e, "a health check could not be recorded");
            0
        }
        Some(Err(e)) => {
            tracing::error!(error = %e, "a health check stopped");
            0
        }
    }
}

/// Measures, judges and records one tenant.
async fn check(
    st: &AppState,
    target: &Target,
    thresholds: &Thresholds,
    allowances: &Allowances,
    actor: &Actor,
) -> Result<Option<HealthLevel>> {
    let measured = measure::measure(st, target).await?;
    let quota = allowances.quota(target.plan_id, &target.selection);
    record(st, target, measured, thresholds, quota, actor).await
}

/// Checks one tenant now, for operator `operator`; only a live tenant is checked.
pub async fn check_now(st: &AppState, tenant_id: i64, operator: &str) -> Result<HealthLevel> {
    let target = measure::target(st, tenant_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !target.state.is_live() {
        return Err(AppError::Invalid(format!(
            "Only a running instance is checked; this one is {}.",
            target.state.label().to_lowercase()
        )));
    }
    let thresholds = settings::current(st).await?.thresholds;
    let allowances = Allowances::load(&st.pool).await?;
    let actor = Actor::Operator(operator.to_string());
    check(st, &target, &thresholds, &allowances, &actor)
        .await?
        .ok_or_else(|| AppError::Invalid("The tenant stopped running during the check.".into()))
}

/// Deletes checks older than the configured days, a batch at a time.
async fn prune(st: &AppState) -> Result<u64> {
    let before = ts(st.now() - Duration::days(st.config.health.keep_days));
    let mut total = 0;
    loop {
        let done = sqlx::query(
            "DELETE FROM health_checks WHERE id IN \
             (SELECT id FROM health_checks WHERE checked_at < $1 ORDER BY checked_at LIMIT $2)",
        )
        .bind(&before)
        .bind(PRUNE_BATCH)
        .execute(&st.pool)
        .await?;
        total += done.rows_affected();
        if done.rows_affected() < u64::try_from(PRUNE_BATCH).unwrap_or(u64::MAX) {
            return Ok(total);
        }
    }
}

/// Looks every minute (the configured tick) whether a round is due, for as long as the process
/// lives; the first look is one tick after start.
pub fn spawn(st: AppState) {
    tokio::spawn(async move {
        let tick = st.config.health.tick_every;
        let mut every = tokio::time::interval_at(tokio::time::Instant::now() + tick, tick);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            match run_due(&st).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(tenants = n, "checked the health of instances"),
                Err(e) => tracing::error!(error = %e, "health round failed"),
            }
        }
    });
}
