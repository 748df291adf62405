//! Ticket status changes: the only way `tickets.status` changes, always through the domain's
//! state machine and [`transitions`], which records a `ticket_events` row.
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use crate::backend::transitions::{self, Change, Lifecycle};
use crate::domain::tickets::{transition, TicketEvent, TicketStatus};
use crate::domain::Actor;
use crate::error::Result;

/// Records a new ticket's creation event (status `open`).
pub async fn record_opened(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    ticket_id: i64,
    actor: &Actor,
) -> Result<()> {
    let change = Change {
        event: "opened",
        to: TicketStatus::Open.as_str(),
        actor,
        detail: "",
    };
    transitions::record(conn, now, Lifecycle::Ticket, ticket_id, None, change).await
}

/// Applies `event` to ticket `ticket_id`, which is in status `from` and whose row the caller's
/// transaction holds; returns the new status. A message that leaves the status as it was
/// writes no event: events are the status's history, the messages are the thread's.
pub async fn apply(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    ticket_id: i64,
    from: TicketStatus,
    event: TicketEvent,
    actor: &Actor,
) -> Result<TicketStatus> {
    let to = transition(from, event)?;
    if to != from {
        let change = Change {
            event: event.as_str(),
            to: to.as_str(),
            actor,
            detail: "",
        };
        let lifecycle = Lifecycle::Ticket;
        transitions::apply(conn, now, lifecycle, ticket_id, from.as_str(), change).await?;
    }
    Ok(to)
}
