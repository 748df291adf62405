//! Access that follows payment, moved on by the sweep: a past-due tenant is suspended when its
//! grace period ends, a tenant suspended for an unpaid invoice is archived after the schedule's
//! days (its subscription ends), and an archived tenant's data is deleted when the retention
//! period ends (terminated; its invoices are kept). Each move claims its row with a conditional
//! update, so on several servers each happens once.
use chrono::{DateTime, Utc};

use super::{actor, note, schedule};
use crate::backend::db::{parse_ts, ts};
use crate::backend::provisioning::{drop_database, TenantDb};
use crate::backend::state::AppState;
use crate::backend::{subscription_state, tenants};
use crate::domain::tenant_state::TenantEvent;
use crate::domain::{InvoiceEvent, SubscriptionEvent};
use crate::error::{AppError, Result};

#[derive(sqlx::FromRow)]
struct Open {
    invoice_id: i64,
    tenant_id: i64,
    storefront_id: i64,
    failed_at: String,
    suspended_at: Option<String>,
}

/// Suspends and archives what is due; returns how many tenants moved. Pages through every open
/// dunning by invoice: those not due yet stay open and must not hide the rest.
pub async fn run_due(st: &AppState) -> Result<usize> {
    let now = st.now();
    let mut schedules = schedule::Schedules::default();
    let mut moved = 0;
    let mut after = 0;
    loop {
        let open: Vec<Open> = sqlx::query_as(
            "SELECT d.invoice_id, d.tenant_id, i.storefront_id, d.failed_at, d.suspended_at \
             FROM dunnings d JOIN invoices i ON i.id = d.invoice_id \
             WHERE d.status = 'open' AND d.invoice_id > $2 ORDER BY d.invoice_id LIMIT $1",
        )
        .bind(st.config.jobs.sweep_page)
        .bind(after)
        .fetch_all(&st.pool)
        .await?;
        let full = open.len() as i64 == st.config.jobs.sweep_page;
        for d in open {
            after = d.invoice_id;
            let s = schedules.of(st, d.storefront_id).await?;
            let Some(failed_at) = parse_ts(&d.failed_at) else {
                continue;
            };
            let result = match d.suspended_at.as_deref().and_then(parse_ts) {
                None if s.grace_ends(failed_at) <= now => suspend(st, now, &d).await,
                Some(since) if s.archive_at(since) <= now => archive(st, now, &d).await,
                _ => Ok(false),
            };
            match result {
                Ok(true) => moved += 1,
                Ok(false) => {}
                Err(e) => {
                    tracing::error!(tenant_id = d.tenant_id, error = %e, "dunning move failed")
                }
            }
        }
        if !full {
            break;
        }
    }
    moved += terminate_due(st, now, &mut schedules).await?;
    Ok(moved)
}

async fn suspend(st: &AppState, now: DateTime<Utc>, d: &Open) -> Result<bool> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let claimed = sqlx::query(
        "UPDATE dunnings SET suspended_at = $1 WHERE invoice_id = $2 AND status = 'open' AND suspended_at IS NULL",
    )
    .bind(ts(now))
    .bind(d.invoice_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed != 1 {
        return Ok(false);
    }
    let detail = format!("grace period ended; invoice unpaid since {}", d.failed_at);
    tenants::apply(
        &mut tx,
        now,
        d.tenant_id,
        &TenantEvent::Suspend,
        &actor(),
        &detail,
    )
    .await?;
    note(
        &mut tx,
        now,
        d.invoice_id,
        InvoiceEvent::TenantSuspended,
        &actor(),
        &detail,
    )
    .await?;
    tx.commit().await?;
    super::mail::tell_suspended(st, d.invoice_id).await;
    Ok(true)
}

async fn archive(st: &AppState, now: DateTime<Utc>, d: &Open) -> Result<bool> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let claimed = sqlx::query(
        "UPDATE dunnings SET status = 'lost', ended_at = $1, next_attempt_at = NULL, lease_until = NULL \
         WHERE invoice_id = $2 AND status = 'open'",
    )
    .bind(ts(now))
    .bind(d.invoice_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed != 1 {
        return Ok(false);
    }
    let detail = "suspended unpaid for the schedule's days";
    tenants::apply(
        &mut tx,
        now,
        d.tenant_id,
        &TenantEvent::Archive,
        &actor(),
        detail,
    )
    .await?;
    let ended = SubscriptionEvent::EndedUnpaid;
    subscription_state::apply(&mut tx, now, d.tenant_id, &ended, &actor(), detail).await?;
    note(
        &mut tx,
        now,
        d.invoice_id,
        InvoiceEvent::TenantArchived,
        &actor(),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

#[derive(sqlx::FromRow)]
struct Archived {
    tenant_id: i64,
    storefront_id: Option<i64>,
    archived_at: String,
}

/// Deletes the data of archived tenants whose retention period is over.
async fn terminate_due(
    st: &AppState,
    now: DateTime<Utc>,
    schedules: &mut schedule::Schedules,
) -> Result<usize> {
    // Paged by tenant: those still within their retention period must not hide the rest.
    let mut done = 0;
    let mut after = 0;
    loop {
        let archived: Vec<Archived> = sqlx::query_as(
            "SELECT t.id AS tenant_id, s.storefront_id, \
             (SELECT MAX(e.created_at) FROM tenant_events e WHERE e.tenant_id = t.id AND e.to_state = 'archived') AS archived_at \
             FROM tenants t LEFT JOIN subscriptions s ON s.tenant_id = t.id \
             WHERE t.state = 'archived' AND t.id > $2 ORDER BY t.id LIMIT $1",
        )
        .bind(st.config.jobs.sweep_page)
        .bind(after)
        .fetch_all(&st.pool)
        .await?;
        let full = archived.len() as i64 == st.config.jobs.sweep_page;
        for a in archived {
            after = a.tenant_id;
            let retention = schedules.of_subscription(st, a.storefront_id).await?;
            let Some(at) = parse_ts(&a.archived_at) else {
                continue;
            };
            if retention.terminate_at(at) > now {
                continue;
            }
            match terminate(st, now, a.tenant_id).await {
                Ok(true) => done += 1,
                Ok(false) => {}
                Err(e) => {
                    tracing::error!(tenant_id = a.tenant_id, error = %e, "termination failed")
                }
            }
        }
        if !full {
            break;
        }
    }
    Ok(done)
}

/// Deletes the instance's database, then records the termination. Dropping is idempotent: a
/// server that stops between the two leaves an archived tenant that the next sweep terminates.
async fn terminate(st: &AppState, now: DateTime<Utc>, tenant_id: i64) -> Result<bool> {
    if let Some(db) = TenantDb::of_tenant(&st.pool, tenant_id).await? {
        if let Err(e) = drop_database(&st.config, &db).await {
            tracing::error!(tenant_id, error = %e, "archived tenant's database not dropped");
            return Ok(false);
        }
    }
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let detail = "retention period ended: data deleted, invoices kept";
    let event = TenantEvent::Terminate;
    match tenants::apply(&mut tx, now, tenant_id, &event, &actor(), detail).await {
        Ok(_) => {}
        // Another server terminated it first.
        Err(AppError::Conflict(_) | AppError::Invalid(_)) => return Ok(false),
        Err(e) => return Err(e),
    }
    tx.commit().await?;
    Ok(true)
}
