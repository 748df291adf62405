//! Credit notes: what a refund gives back on an invoice, checked before anything moves. Pure
//! rules; the backend records them in the invoice's transaction.
//!
//! An invoice's money is a small ledger: payments come in, credit notes send part of them back
//! (to the card, or onto the customer's credit). The balance still owed is
//! `total - net payments - credit notes`, never negative, and refunds never exceed what was paid.

mod ledger;
mod refund;
mod split;

pub use ledger::{InvoiceLedger, LedgerEntry};
pub use refund::{check_refund, RefundAmount, RefundDestination, RefundRequest};
pub use split::{split_credit, CreditSplit};

#[cfg(test)]
mod tests;
