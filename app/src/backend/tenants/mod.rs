//! Tenant state changes: the only way a tenant's state column changes, always through the domain
//! state machine and [`transitions`], which records the event.
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use super::transitions::{self, Change, Lifecycle};
use crate::domain::tenant_state::{transition, TenantEvent, TenantState};
use crate::domain::Actor;
use crate::error::Result;

/// Records a new tenant's creation event (state `provisioning`).
pub async fn record_created(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    tenant_id: i64,
    actor: &Actor,
) -> Result<()> {
    let provisioning = TenantState::Provisioning.as_str();
    transitions::record_created(conn, now, Lifecycle::Tenant, tenant_id, provisioning, actor).await
}

/// Moves a tenant through the state machine and records the event, in the caller's transaction.
pub async fn apply(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    tenant_id: i64,
    event: &TenantEvent,
    actor: &Actor,
    detail: &str,
) -> Result<TenantState> {
    let from: TenantState = transitions::current(conn, Lifecycle::Tenant, tenant_id).await?;
    let to = transition(from, event)?;
    let change = Change {
        event: event.as_str(),
        to: to.as_str(),
        actor,
        detail,
    };
    transitions::apply(
        conn,
        now,
        Lifecycle::Tenant,
        tenant_id,
        from.as_str(),
        change,
    )
    .await?;
    // A tenant that stops or starts running stops or starts counting for MRR.
    super::mrr::sync(conn, now, tenant_id).await?;
    Ok(to)
}

/// Records an event that does not change the state (a note for the operator).
pub async fn record_note(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    tenant_id: i64,
    event: &str,
    actor: &Actor,
    detail: &str,
) -> Result<()> {
    let state: TenantState = transitions::current(conn, Lifecycle::Tenant, tenant_id).await?;
    let change = Change {
        event,
        to: state.as_str(),
        actor,
        detail,
    };
    let from = Some(state.as_str());
    transitions::record(conn, now, Lifecycle::Tenant, tenant_id, from, change).await
}

pub mod actions;
pub mod detail;
pub mod list;
pub mod paused;

/// Takes the tenant's row lock for the rest of the transaction, so that changes counting its
/// seats, admins or rehearsals, or converting its trial, take turns (on PostgreSQL a row lock; on SQLite the write lock is held
/// already).
pub async fn lock(conn: &mut sqlx::AnyConnection, tenant_id: i64) -> Result<()> {
    sqlx::query("UPDATE tenants SET updated_at = updated_at WHERE id = $1")
        .bind(tenant_id)
        .execute(conn)
        .await?;
    Ok(())
}
