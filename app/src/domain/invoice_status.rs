//! [`InvoiceStatus`]: whether an invoice is still due.

use serde::{Deserialize, Serialize};

use super::names::stored_names;

/// Whether an invoice is still due; serialized as `"open"`, `"paid"` or `"void"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// Issued and not paid yet.
    Open,
    /// Paid.
    Paid,
    /// Cancelled with its order.
    Void,
}

impl InvoiceStatus {
    /// All statuses.
    pub const ALL: [InvoiceStatus; 3] = [
        InvoiceStatus::Open,
        InvoiceStatus::Paid,
        InvoiceStatus::Void,
    ];

    /// Human-readable name for the UI, e.g. `"Open"`.
    pub const fn label(self) -> &'static str {
        match self {
            InvoiceStatus::Open => "Open",
            InvoiceStatus::Paid => "Paid",
            InvoiceStatus::Void => "Void",
        }
    }

    /// Stable identifier used in storage and on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            InvoiceStatus::Open => "open",
            InvoiceStatus::Paid => "paid",
            InvoiceStatus::Void => "void",
        }
    }
}

stored_names!(InvoiceStatus, "invoice status");
