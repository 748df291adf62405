//! The operator's invoices: one invoice's page, with its timeline, refund form and credit notes.
pub mod detail;
pub mod refunds;
