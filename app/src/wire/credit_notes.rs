//! Credit notes and refunds as the operator's invoice page shows them.
use serde::{Deserialize, Serialize};

use crate::domain::credit_notes::RefundDestination;

/// One issued credit note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditNoteView {
    /// Its number, e.g. `CN-000001`.
    pub number: String,
    /// The invoice it credits.
    pub invoice_number: String,
    /// What it gave back, formatted.
    pub total: String,
    /// Where the money went.
    pub destination: RefundDestination,
    /// Why.
    pub reason: String,
    /// When (UTC), to the minute.
    pub issued_at: String,
    /// Who issued it (an actor's stored form).
    pub issued_by: String,
    /// The customer's page of the credit note.
    pub url: String,
}

/// What can still be refunded on an invoice (the refund form's default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundableView {
    /// What can still be refunded, formatted.
    pub refundable: String,
    /// The same as a plain decimal, the refund form's default amount (e.g. `"119.00"`).
    pub refundable_decimal: String,
    /// Whether anything can still be refunded (a paid invoice not yet refunded in full).
    pub can_refund: bool,
}
