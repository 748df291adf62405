//! The order workflow's only way to change `orders.status`: each change follows the domain state
//! machine and is written by [`transitions`] with one `order_events` row saying who made it.
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use crate::backend::transitions::{self, Change, Lifecycle};
use crate::domain::order_flow::{next, FlowContext, OrderEvent, OrderStatus};
use crate::domain::Actor;
use crate::error::Result;

/// Records the order's first status (its creation), in the caller's transaction.
pub async fn record_placed(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    order_id: i64,
    actor: &Actor,
) -> Result<()> {
    let change = Change {
        event: "placed",
        to: OrderStatus::Placed.as_str(),
        actor,
        detail: "order placed",
    };
    transitions::record(conn, now, Lifecycle::Order, order_id, None, change).await
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
    let from: OrderStatus = transitions::current(conn, Lifecycle::Order, order_id).await?;
    let to = next(from, event, ctx)?;
    let change = Change {
        event: event.as_str(),
        to: to.as_str(),
        actor,
        detail: event.reason().unwrap_or_default(),
    };
    transitions::apply(conn, now, Lifecycle::Order, order_id, from.as_str(), change).await?;
    if to.is_final() {
        // A final order is never provisioned (again): the admin's password hash, kept only to
        // create the admin, is dropped with the transition (completed, rejected or cancelled).
        sqlx::query("UPDATE orders SET admin_password_hash = NULL WHERE id = $1")
            .bind(order_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(to)
}
