//! The one way a status changes, for every lifecycle (orders, tenants, subscriptions, tickets): a
//! compare-and-set on the status column and one event row naming its actor, in the caller's
//! transaction. Each lifecycle's module asks its domain state machine first, then calls here.
use std::str::FromStr;

use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use super::db::ts;
use crate::domain::Actor;
use crate::error::{AppError, Result};

/// Which lifecycle a transition belongs to, and so which tables it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifecycle {
    /// `orders.status`, events in `order_events`.
    Order,
    /// `tenants.state`, events in `tenant_events`.
    Tenant,
    /// `subscriptions.status`, events in `subscription_events`.
    Subscription,
    /// `tickets.status`, events in `ticket_events`.
    Ticket,
}

/// What happened, as its event row records it.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    /// Event name, e.g. `"approved"`.
    pub event: &'a str,
    /// The status after the event (the same one for a note).
    pub to: &'a str,
    /// Who or what made it.
    pub actor: &'a Actor,
    /// Why, for the audit log (may be empty).
    pub detail: &'a str,
}

impl Lifecycle {
    const fn current_sql(self) -> &'static str {
        match self {
            Lifecycle::Order => "SELECT status FROM orders WHERE id = $1",
            Lifecycle::Tenant => "SELECT state FROM tenants WHERE id = $1",
            Lifecycle::Subscription => "SELECT status FROM subscriptions WHERE id = $1",
            Lifecycle::Ticket => "SELECT status FROM tickets WHERE id = $1",
        }
    }

    const fn event_sql(self) -> &'static str {
        match self {
            Lifecycle::Order => {
                "INSERT INTO order_events (order_id, event, from_status, to_status, actor, detail, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)"
            }
            Lifecycle::Tenant => {
                "INSERT INTO tenant_events (tenant_id, event, from_state, to_state, actor, detail, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)"
            }
            Lifecycle::Subscription => {
                "INSERT INTO subscription_events (subscription_id, event, from_status, to_status, actor, detail, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)"
            }
            Lifecycle::Ticket => {
                "INSERT INTO ticket_events (ticket_id, event, from_status, to_status, actor, detail, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)"
            }
        }
    }

    /// What a caller hears when another change came first.
    const fn changed_meanwhile(self) -> &'static str {
        match self {
            Lifecycle::Order => "The order changed meanwhile; please reload and retry.",
            Lifecycle::Tenant => "The tenant changed meanwhile; please retry.",
            Lifecycle::Subscription => "The subscription changed meanwhile; please retry.",
            Lifecycle::Ticket => "The ticket changed meanwhile; please reload and retry.",
        }
    }
}

/// The current status of row `id` of the lifecycle's table.
pub async fn current<S: FromStr>(
    conn: &mut AnyConnection,
    lifecycle: Lifecycle,
    id: i64,
) -> Result<S> {
    let (status,): (String,) = sqlx::query_as(lifecycle.current_sql())
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::NotFound)?;
    status.parse().map_err(|_| {
        tracing::error!(?lifecycle, id, status, "unknown status in the database");
        AppError::Internal
    })
}

/// Moves row `id` from `from` to `change.to` and records the event. The update only matches
/// while the row still is `from`, so a concurrent change loses cleanly (a conflict) instead of
/// overwriting.
pub async fn apply(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    lifecycle: Lifecycle,
    id: i64,
    from: &str,
    change: Change<'_>,
) -> Result<()> {
    let update = match lifecycle {
        Lifecycle::Order => sqlx::query(
            "UPDATE orders SET status = $1, updated_at = $4 WHERE id = $2 AND status = $3",
        ),
        Lifecycle::Tenant => sqlx::query(
            "UPDATE tenants SET state = $1, updated_at = $4 WHERE id = $2 AND state = $3",
        ),
        Lifecycle::Ticket => sqlx::query(
            "UPDATE tickets SET status = $1, updated_at = $4 WHERE id = $2 AND status = $3",
        ),
        // Subscriptions keep no updated_at: their events say when each change happened.
        Lifecycle::Subscription => {
            sqlx::query("UPDATE subscriptions SET status = $1 WHERE id = $2 AND status = $3")
        }
    }
    .bind(change.to)
    .bind(id)
    .bind(from);
    let update = match lifecycle {
        Lifecycle::Subscription => update,
        Lifecycle::Order | Lifecycle::Tenant | Lifecycle::Ticket => update.bind(ts(now)),
    };
    let changed = update.execute(&mut *conn).await?.rows_affected();
    if changed != 1 {
        return Err(AppError::Conflict(lifecycle.changed_meanwhile().into()));
    }
    record(conn, now, lifecycle, id, Some(from), change).await
}

/// Records an event without touching the status column: a row's creation (`from` is `None`)
/// or a note for the operator (`from` equals `change.to`).
pub async fn record(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    lifecycle: Lifecycle,
    id: i64,
    from: Option<&str>,
    change: Change<'_>,
) -> Result<()> {
    sqlx::query(lifecycle.event_sql())
        .bind(id)
        .bind(change.event)
        .bind(from)
        .bind(change.to)
        .bind(change.actor.to_string())
        .bind(change.detail)
        .bind(ts(now))
        .execute(conn)
        .await?;
    Ok(())
}

/// Records the creation event of a new order, tenant or subscription (no `from` status), with
/// its first status `to`, in the caller's transaction.
pub async fn record_created(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    lifecycle: Lifecycle,
    id: i64,
    to: &str,
    actor: &Actor,
) -> Result<()> {
    let change = Change {
        event: "created",
        to,
        actor,
        detail: "order placed",
    };
    record(conn, now, lifecycle, id, None, change).await
}
