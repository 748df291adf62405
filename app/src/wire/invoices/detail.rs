//! One invoice as the operator inspects it: what it bills, its timeline, what can still be
//! refunded and the credit notes issued against it.
use serde::{Deserialize, Serialize};

use crate::domain::{InvoiceEvent, InvoiceStatus};
use crate::wire::credit_notes::{CreditNoteView, RefundableView};

/// One invoice in a list (an order's invoices), linking to its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceRowView {
    /// Its id: its page is `/operator/invoices/<id>`.
    pub id: i64,
    /// Its number, e.g. `INV-000001`.
    pub number: String,
    /// Open, paid or void.
    pub status: InvoiceStatus,
    /// Its total, formatted.
    pub total: String,
    /// Issue date, e.g. "29 Nov 2026".
    pub issued_on: String,
}

/// One step on the invoice's timeline after it was issued (a failed payment, a retry, a
/// suspension).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceEventView {
    /// When (UTC, minutes).
    pub at: String,
    /// What happened (pages show its [`label`](InvoiceEvent::label)).
    pub event: InvoiceEvent,
    /// Who or what did it, an actor's stored form (pages show
    /// [`Actor::label_of`](crate::domain::Actor::label_of)).
    pub actor: String,
    /// Detail.
    pub detail: String,
}

/// Everything about one invoice, for the operator's invoice page (loaded in one piece: the page
/// has one resource).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceDetailView {
    /// The invoice as a row: id, number, status, total, issue date.
    pub invoice: InvoiceRowView,
    /// Due date, e.g. "29 Nov 2026".
    pub due_on: String,
    /// Payment date, empty while unpaid.
    pub paid_on: String,
    /// The customer's company.
    pub company: String,
    /// The customer's email.
    pub email: String,
    /// The order it bills (its page is `/operator/orders/<id>`).
    pub order_id: i64,
    /// The order's instance name.
    pub instance_name: String,
    /// The customer's printable invoice (`/orders/<token>/invoice`; the PDF adds `.pdf`).
    pub printable_url: String,
    /// Whether the printable page shows this invoice: it shows the order's latest one.
    pub printable_is_this: bool,
    /// Its timeline, oldest first.
    pub events: Vec<InvoiceEventView>,
    /// Whether it is an unpaid renewal being dunned, whose card the operator may try now.
    pub retryable: bool,
    /// What can still be refunded on it.
    pub refund: RefundableView,
    /// The credit notes issued against it, oldest first.
    pub credit_notes: Vec<CreditNoteView>,
}
