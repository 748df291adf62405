//! Tenant state changes: the only place a tenant's state column is written, always with an event.
use sqlx::AnyConnection;

use super::db::ts;
use crate::domain::tenant_state::{transition, TenantEvent, TenantState};
use crate::error::{AppError, Result};

/// Who or what caused a change, as written into the event row.
pub type Actor<'a> = &'a str;

/// Records a new tenant's creation event (state `provisioning`).
pub async fn record_created(
    conn: &mut AnyConnection,
    now: chrono::DateTime<chrono::Utc>,
    tenant_id: i64,
    actor: Actor<'_>,
) -> Result<()> {
    insert_event(
        conn,
        now,
        tenant_id,
        "created",
        None,
        TenantState::Provisioning,
        actor,
        "order placed",
    )
    .await
}

/// Moves a tenant through the state machine and records the event, in the caller's transaction.
pub async fn apply(
    conn: &mut AnyConnection,
    now: chrono::DateTime<chrono::Utc>,
    tenant_id: i64,
    event: &TenantEvent,
    actor: Actor<'_>,
    detail: &str,
) -> Result<TenantState> {
    let (state,): (String,) = sqlx::query_as("SELECT state FROM tenants WHERE id = $1")
        .bind(tenant_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let from: TenantState = state.parse().map_err(|_| AppError::Internal)?;
    let to = transition(from, event)?;
    // The WHERE on the old state makes a concurrent change lose cleanly instead of overwriting.
    let changed =
        sqlx::query("UPDATE tenants SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4")
            .bind(to.as_str())
            .bind(ts(now))
            .bind(tenant_id)
            .bind(from.as_str())
            .execute(&mut *conn)
            .await?
            .rows_affected();
    if changed != 1 {
        return Err(AppError::Conflict(
            "The tenant changed meanwhile; please retry.".into(),
        ));
    }
    insert_event(
        conn,
        now,
        tenant_id,
        event.as_str(),
        Some(from),
        to,
        actor,
        detail,
    )
    .await?;
    Ok(to)
}

/// Records an event that does not change the state (a note for the operator).
pub async fn record_note(
    conn: &mut AnyConnection,
    now: chrono::DateTime<chrono::Utc>,
    tenant_id: i64,
    event: &str,
    actor: Actor<'_>,
    detail: &str,
) -> Result<()> {
    let (state,): (String,) = sqlx::query_as("SELECT state FROM tenants WHERE id = $1")
        .bind(tenant_id)
        .fetch_one(&mut *conn)
        .await?;
    let state: TenantState = state.parse().map_err(|_| AppError::Internal)?;
    insert_event(
        conn,
        now,
        tenant_id,
        event,
        Some(state),
        state,
        actor,
        detail,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn insert_event(
    conn: &mut AnyConnection,
    now: chrono::DateTime<chrono::Utc>,
    tenant_id: i64,
    event: &str,
    from: Option<TenantState>,
    to: TenantState,
    actor: Actor<'_>,
    detail: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO tenant_events (tenant_id, event, from_state, to_state, actor, detail, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(tenant_id)
    .bind(event)
    .bind(from.map(|s| s.as_str()))
    .bind(to.as_str())
    .bind(actor)
    .bind(detail)
    .bind(ts(now))
    .execute(conn)
    .await?;
    Ok(())
}
