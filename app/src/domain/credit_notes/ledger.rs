//! An invoice's payments and credit notes, and the balance still owed.
use crate::domain::DomainError;

/// What happened to an invoice's money, in minor units of its currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerEntry {
    /// A payment received (a captured charge, a confirmed transfer).
    Payment(i64),
    /// A credit note that gave this much back (to the card or onto the customer's credit).
    CreditNote(i64),
}

/// The running totals of one invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InvoiceLedger {
    /// The invoice's total.
    pub total: i64,
    /// Received in payments.
    pub paid: i64,
    /// Given back by credit notes.
    pub credited: i64,
}

impl InvoiceLedger {
    /// A new invoice of `total`, nothing paid yet.
    pub fn new(total: i64) -> Self {
        InvoiceLedger {
            total,
            ..Self::default()
        }
    }

    /// What can still be refunded: what was paid less what credit notes already gave back.
    pub fn refundable(&self) -> i64 {
        (self.paid - self.credited).max(0)
    }

    /// Payments the invoice keeps: received less what credit notes sent back.
    pub fn net_payments(&self) -> i64 {
        self.paid - self.credited
    }

    /// Still owed: `total - net payments - credit notes`. A credit note lowers both what the
    /// invoice asks and what it keeps, so refunding never reopens a paid invoice.
    pub fn balance(&self) -> i64 {
        self.total - self.net_payments() - self.credited
    }

    /// Applies an entry, refusing one that would overpay the invoice or refund more than was
    /// paid (the ledger is then unchanged).
    pub fn apply(&mut self, entry: LedgerEntry) -> Result<(), DomainError> {
        match entry {
            LedgerEntry::Payment(amount) if amount <= 0 || amount > self.balance() => Err(
                DomainError::invalid("A payment must be positive and at most the balance"),
            ),
            LedgerEntry::Payment(amount) => {
                self.paid += amount;
                Ok(())
            }
            LedgerEntry::CreditNote(amount) if amount <= 0 || amount > self.refundable() => Err(
                DomainError::invalid("A refund must be positive and at most what is left"),
            ),
            LedgerEntry::CreditNote(amount) => {
                self.credited += amount;
                Ok(())
            }
        }
    }
}
