//! Paying by bank transfer: the account to pay into and what a customer owes on an open invoice.
use serde::{Deserialize, Serialize};

/// The bank account a customer pays an open invoice into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankDetails {
    /// Account holder.
    pub account_holder: String,
    /// IBAN in groups of four.
    pub iban: String,
    /// BIC (may be empty).
    pub bic: String,
    /// Bank name (may be empty).
    pub bank_name: String,
}

/// A transfer the customer still has to make: how much, to which account, quoting what, by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankTransferDue {
    /// The amount, formatted for people.
    pub amount: String,
    /// The reference to quote.
    pub reference: String,
    /// The last day to pay, in words.
    pub due_on: String,
    /// Where to pay.
    pub bank: BankDetails,
}
