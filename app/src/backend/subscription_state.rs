//! Subscription status changes: the only way `subscriptions.status` changes, always through the
//! domain state machine and [`transitions`], which records a `subscription_events` row.
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use super::transitions::{self, Change, Lifecycle};
use crate::domain::subscription_state::{transition, SubscriptionEvent, SubscriptionState};
use crate::domain::Actor;
use crate::error::{AppError, Result};

/// Records a new subscription's creation event (status `pending`).
pub async fn record_created(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    subscription_id: i64,
    actor: &Actor,
) -> Result<()> {
    let pending = SubscriptionState::Pending.as_str();
    let lifecycle = Lifecycle::Subscription;
    transitions::record_created(conn, now, lifecycle, subscription_id, pending, actor).await
}

/// Moves the subscription of `tenant_id` (a tenant has at most one) through the state machine
/// and records the event, in the caller's transaction. Returns the new state.
pub async fn apply(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    tenant_id: i64,
    event: &SubscriptionEvent,
    actor: &Actor,
    detail: &str,
) -> Result<SubscriptionState> {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM subscriptions WHERE tenant_id = $1")
        .bind(tenant_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let lifecycle = Lifecycle::Subscription;
    let from: SubscriptionState = transitions::current(conn, lifecycle, id).await?;
    let to = transition(from, event)?;
    let change = Change {
        event: event.as_str(),
        to: to.as_str(),
        actor,
        detail,
    };
    transitions::apply(conn, now, lifecycle, id, from.as_str(), change).await?;
    super::mrr::sync(conn, now, tenant_id).await?;
    Ok(to)
}
