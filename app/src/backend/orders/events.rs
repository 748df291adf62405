//! The order workflow's only writer of `orders.status`: each change follows the domain state
//! machine and leaves one `order_events` row saying who or what made it.
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use crate::backend::db::ts;
use crate::domain::order_flow::{next, Actor, FlowContext, OrderEvent, OrderStatus};
use crate::error::{AppError, Result};

/// Records the order's first status (its creation), in the caller's transaction.
pub async fn record_placed(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    order_id: i64,
    actor: &Actor,
) -> Result<()> {
    insert(
        conn,
        now,
        order_id,
        "placed",
        None,
        OrderStatus::Placed,
        actor,
        "order placed",
    )
    .await
}

/// Applies one event: checks the transition, updates the status (only if it did not change
/// meanwhile) and records the event. Returns the new status. A final status also drops the
/// admin password hash the order kept for provisioning.
pub async fn advance(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    order_id: i64,
    event: &OrderEvent,
    ctx: &FlowContext,
    actor: &Actor,
) -> Result<OrderStatus> {
    let (status,): (String,) = sqlx::query_as("SELECT status FROM orders WHERE id = $1")
        .bind(order_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let from: OrderStatus = status.parse().map_err(|_| AppError::Internal)?;
    let to = next(from, event, ctx)?;
    let changed =
        sqlx::query("UPDATE orders SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4")
            .bind(to.as_str())
            .bind(ts(now))
            .bind(order_id)
            .bind(from.as_str())
            .execute(&mut *conn)
            .await?
            .rows_affected();
    if changed != 1 {
        return Err(AppError::Conflict(
            "The order changed meanwhile; please reload and retry.".into(),
        ));
    }
    if to.is_final() {
        // A final order is never provisioned (again): the admin's password hash, kept only to
        // create the admin, is dropped with the transition (completed, rejected or cancelled).
        sqlx::query("UPDATE orders SET admin_password_hash = NULL WHERE id = $1")
            .bind(order_id)
            .execute(&mut *conn)
            .await?;
    }
    let detail = event.reason().unwrap_or_default().to_string();
    insert(
        conn,
        now,
        order_id,
        event.as_str(),
        Some(from),
        to,
        actor,
        &detail,
    )
    .await?;
    Ok(to)
}

#[allow(clippy::too_many_arguments)]
async fn insert(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    order_id: i64,
    event: &str,
    from: Option<OrderStatus>,
    to: OrderStatus,
    actor: &Actor,
    detail: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO order_events (order_id, event, from_status, to_status, actor, detail, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(order_id)
    .bind(event)
    .bind(from.map(|s| s.as_str()))
    .bind(to.as_str())
    .bind(actor.to_string())
    .bind(detail)
    .bind(ts(now))
    .execute(conn)
    .await?;
    Ok(())
}
