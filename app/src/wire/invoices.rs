//! An invoice as its customer reads it.
use crate::domain::InvoiceStatus;
use serde::{Deserialize, Serialize};

/// One line of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLineView {
    /// What is billed.
    pub description: String,
    /// How many.
    pub quantity: i64,
    /// Price per unit, formatted.
    pub unit: String,
    /// Line amount, formatted.
    pub amount: String,
}

/// A printable invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceView {
    /// Seller (the storefront's name).
    pub seller: String,
    /// Invoice number, gapless per storefront.
    pub number: String,
    /// Whether it is still due.
    pub status: InvoiceStatus,
    /// Issue date (YYYY-MM-DD).
    pub issued_on: String,
    /// Due date.
    pub due_on: String,
    /// Payment date, once paid.
    pub paid_on: Option<String>,
    /// Customer company.
    pub company: String,
    /// Customer contact.
    pub contact_name: String,
    /// Customer email.
    pub email: String,
    /// The address billed, as it was when the invoice was issued.
    pub bill_to: String,
    /// The billed lines (tax included as its own line).
    pub lines: Vec<InvoiceLineView>,
    /// Before tax.
    pub subtotal: String,
    /// Tax, with its rate.
    pub tax: String,
    /// Tax rate, e.g. "20.00 %".
    pub tax_rate: String,
    /// To pay.
    pub total: String,
}
