//! Invoices as the API shows them.
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::InvoiceStatus;

/// An invoice without its lines (in lists).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InvoiceSummary {
    pub id: i64,
    /// The storefront's prefix and a number without gaps.
    pub number: String,
    pub status: InvoiceStatus,
    pub customer_id: i64,
    pub order_id: Option<i64>,
    /// ISO 4217.
    pub currency: String,
    pub subtotal_minor: i64,
    pub tax_minor: i64,
    pub total_minor: i64,
    pub issued_at: String,
    pub due_at: String,
    pub paid_at: Option<String>,
}

/// An invoice with its lines.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Invoice {
    #[serde(flatten)]
    pub summary: InvoiceSummary,
    pub lines: Vec<InvoiceLine>,
}

/// One line of an invoice.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InvoiceLine {
    /// What the line charges for (`setup`, `recurring`, `addon`, `tax`, ...).
    pub kind: String,
    pub description: String,
    pub quantity: i64,
    pub unit_minor: i64,
    pub amount_minor: i64,
}
