//! Support tickets: a tenant's admin writes to the operator, who answers; the thread decides the
//! status. Every message reopens the ticket for the side that must act next (a tenant's message
//! makes it open, an operator's makes it wait on the customer), so a reply to a closed ticket is
//! never lost in the closed pile; only an open or waiting ticket can be closed.

use serde::{Deserialize, Serialize};

use super::names::stored_names;
use super::DomainError;

mod text;

pub use text::{TextProblem, TicketBody, TicketSubject};

/// Where a ticket stands; serialized as `"open"`, `"waiting_on_customer"`, `"closed"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// The customer wrote last: the operator is to answer.
    Open,
    /// The operator answered: the customer is to answer (or the ticket is done).
    WaitingOnCustomer,
    /// Done; a new message reopens it.
    Closed,
}

impl TicketStatus {
    /// Every status, in the queue's order.
    pub const ALL: [TicketStatus; 3] = [
        TicketStatus::Open,
        TicketStatus::WaitingOnCustomer,
        TicketStatus::Closed,
    ];

    /// Stable identifier used in storage and URLs.
    pub const fn as_str(self) -> &'static str {
        match self {
            TicketStatus::Open => "open",
            TicketStatus::WaitingOnCustomer => "waiting_on_customer",
            TicketStatus::Closed => "closed",
        }
    }

    /// English name for the operator's pages (the portal's come from the message catalogue).
    pub const fn label(self) -> &'static str {
        match self {
            TicketStatus::Open => "Open",
            TicketStatus::WaitingOnCustomer => "Waiting on customer",
            TicketStatus::Closed => "Closed",
        }
    }
}

stored_names!(TicketStatus, "ticket status");

/// What a ticket is about; serialized as `"billing"` or `"technical"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketCategory {
    /// Invoices, payments, the plan.
    Billing,
    /// The instance itself.
    Technical,
}

impl TicketCategory {
    /// Every category, in the forms' order.
    pub const ALL: [TicketCategory; 2] = [TicketCategory::Billing, TicketCategory::Technical];

    /// Stable identifier used in storage and forms.
    pub const fn as_str(self) -> &'static str {
        match self {
            TicketCategory::Billing => "billing",
            TicketCategory::Technical => "technical",
        }
    }

    /// English name for the operator's pages.
    pub const fn label(self) -> &'static str {
        match self {
            TicketCategory::Billing => "Billing",
            TicketCategory::Technical => "Technical",
        }
    }
}

stored_names!(TicketCategory, "ticket category");

/// Who wrote a message: the tenant's side or the operator's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketSide {
    /// The tenant's admin.
    Tenant,
    /// The platform operator.
    Operator,
}

impl TicketSide {
    /// Both sides.
    pub const ALL: [TicketSide; 2] = [TicketSide::Tenant, TicketSide::Operator];

    /// Stable identifier used in storage.
    pub const fn as_str(self) -> &'static str {
        match self {
            TicketSide::Tenant => "tenant",
            TicketSide::Operator => "operator",
        }
    }

    /// The event of a message written by this side.
    pub const fn message(self) -> TicketEvent {
        match self {
            TicketSide::Tenant => TicketEvent::TenantWrote,
            TicketSide::Operator => TicketEvent::OperatorReplied,
        }
    }
}

stored_names!(TicketSide, "ticket side");

/// Something that happens to an existing ticket and may change its [`TicketStatus`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TicketEvent {
    /// The tenant's admin wrote a message.
    TenantWrote,
    /// The operator replied.
    OperatorReplied,
    /// The operator closed the ticket.
    Close,
}

impl TicketEvent {
    /// Every event.
    pub const ALL: [TicketEvent; 3] = [
        TicketEvent::TenantWrote,
        TicketEvent::OperatorReplied,
        TicketEvent::Close,
    ];

    /// Stable name for the event rows.
    pub const fn as_str(self) -> &'static str {
        match self {
            TicketEvent::TenantWrote => "tenant_wrote",
            TicketEvent::OperatorReplied => "operator_replied",
            TicketEvent::Close => "closed",
        }
    }
}

/// Applies `event` to a ticket in status `from` and returns the new status.
///
/// - any --TenantWrote--> Open (a closed ticket reopens)
/// - any --OperatorReplied--> WaitingOnCustomer (a closed ticket reopens, for the customer)
/// - Open | WaitingOnCustomer --Close--> Closed
///
/// Closing a closed ticket fails with a message for the operator.
pub fn transition(from: TicketStatus, event: TicketEvent) -> Result<TicketStatus, DomainError> {
    use TicketEvent as E;
    use TicketStatus as S;
    match (from, event) {
        (_, E::TenantWrote) => Ok(S::Open),
        (_, E::OperatorReplied) => Ok(S::WaitingOnCustomer),
        (S::Open | S::WaitingOnCustomer, E::Close) => Ok(S::Closed),
        (S::Closed, E::Close) => Err(DomainError::invalid("The ticket is already closed.")),
    }
}

#[cfg(test)]
mod tests;
