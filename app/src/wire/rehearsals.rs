//! Rehearsals, as the operator sees them: a copy of one tenant run forward in time, with what
//! billing did on the way.
use serde::{Deserialize, Serialize};

use crate::domain::InvoiceStatus;
use crate::wire::tenants::TenantDetailView;

/// One of a tenant's rehearsals, for the tenant page's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RehearsalSummary {
    pub id: i64,
    /// Who opened it.
    pub created_by: String,
    /// When it was opened (real time, UTC, to the minute).
    pub created_at: String,
    /// Where its clock stands (UTC, to the minute).
    pub now: String,
}

/// What kind of thing happened in a rehearsal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RehearsalEntryKind {
    /// The tenant changed state.
    Tenant,
    /// The subscription changed.
    Subscription,
    /// An order was placed (a renewal).
    Order,
    /// An invoice was issued.
    Invoice,
    /// A step on an invoice's timeline (a failed charge, a retry, a reminder).
    InvoiceStep,
    /// The card was charged (or declined).
    Payment,
    /// A mail would have been sent.
    Mail,
}

impl RehearsalEntryKind {
    /// The column's words.
    pub fn label(self) -> &'static str {
        match self {
            RehearsalEntryKind::Tenant => "Tenant",
            RehearsalEntryKind::Subscription => "Subscription",
            RehearsalEntryKind::Order => "Order",
            RehearsalEntryKind::Invoice => "Invoice",
            RehearsalEntryKind::InvoiceStep => "Invoice step",
            RehearsalEntryKind::Payment => "Charge",
            RehearsalEntryKind::Mail => "Mail",
        }
    }

    /// The stored (and `data-kind`) name.
    pub fn as_str(self) -> &'static str {
        match self {
            RehearsalEntryKind::Tenant => "tenant",
            RehearsalEntryKind::Subscription => "subscription",
            RehearsalEntryKind::Order => "order",
            RehearsalEntryKind::Invoice => "invoice",
            RehearsalEntryKind::InvoiceStep => "invoice_step",
            RehearsalEntryKind::Payment => "payment",
            RehearsalEntryKind::Mail => "mail",
        }
    }
}

/// One thing that happened in a rehearsal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RehearsalEntry {
    /// When, on the rehearsal's clock (UTC, to the minute).
    pub at: String,
    pub kind: RehearsalEntryKind,
    /// What happened, in words.
    pub text: String,
    /// A mail's text.
    pub body: Option<String>,
}

/// An invoice of the rehearsed subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RehearsalInvoice {
    pub number: String,
    /// Issued (UTC, to the minute).
    pub issued_at: String,
    /// The total, formatted.
    pub total: String,
    pub status: InvoiceStatus,
    /// Issued in the rehearsal (not copied from the real tenant).
    pub rehearsed: bool,
}

/// One rehearsal, for its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RehearsalView {
    pub id: i64,
    /// The real tenant rehearsed.
    pub tenant_id: i64,
    /// When the copy was made (UTC, to the minute): the rehearsal's clock started there.
    pub started_at: String,
    /// Where the rehearsal's clock stands (UTC, to the minute).
    pub now: String,
    /// The copy of the tenant as it stands in the rehearsal.
    pub tenant: TenantDetailView,
    /// Newest first.
    pub invoices: Vec<RehearsalInvoice>,
    /// What happened since the copy was made, oldest first.
    pub timeline: Vec<RehearsalEntry>,
}
