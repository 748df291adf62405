//! Support tickets as both sides see them: the lists, one ticket's thread and the form that
//! opens a ticket. Times arrive formatted for the reader (the portal's language, UTC).
use serde::{Deserialize, Serialize};

use crate::domain::tickets::{TicketCategory, TicketSide, TicketStatus};

/// One ticket in a list (the portal's or the operator's queue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketRow {
    pub id: i64,
    pub subject: String,
    pub category: TicketCategory,
    pub status: TicketStatus,
    /// The tenant's instance name.
    pub instance: String,
    /// When the last message came.
    pub last_message_at: String,
    /// How many messages the thread has.
    pub messages: i64,
}

/// One message of a thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketMessageView {
    pub id: i64,
    pub side: TicketSide,
    /// Who wrote it; `None` when the reader is not told (the operator's staff, to a tenant).
    pub author: Option<String>,
    /// As written (the page escapes it and keeps its line breaks).
    pub body: String,
    pub at: String,
}

/// One ticket with its whole thread, oldest message first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketView {
    pub id: i64,
    pub subject: String,
    pub category: TicketCategory,
    pub status: TicketStatus,
    pub instance: String,
    pub opened_at: String,
    pub messages: Vec<TicketMessageView>,
}

/// The portal's form that opens a ticket. The category is text so that an unknown one is
/// refused with a clear message instead of a form that cannot be read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenTicketForm {
    pub subject: String,
    pub category: String,
    pub body: String,
}
