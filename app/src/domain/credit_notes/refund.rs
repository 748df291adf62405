//! A refund request and its check against the invoice's ledger.
use serde::{Deserialize, Serialize};

use super::InvoiceLedger;
use crate::domain::format::{money, Locale};
use crate::domain::names::stored_names;
use crate::domain::{DomainError, Money};

/// Where refunded money goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefundDestination {
    /// Back to the card (or account) that paid, through the gateway.
    Card,
    /// Onto the customer's credit, used by their next orders and renewals.
    CustomerCredit,
}

impl RefundDestination {
    /// All destinations.
    pub const ALL: [RefundDestination; 2] =
        [RefundDestination::Card, RefundDestination::CustomerCredit];

    /// Stable identifier used in storage, forms and on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            RefundDestination::Card => "card",
            RefundDestination::CustomerCredit => "customer_credit",
        }
    }

    /// What the operator reads, e.g. "to the card".
    pub const fn label(self) -> &'static str {
        match self {
            RefundDestination::Card => "to the card",
            RefundDestination::CustomerCredit => "to the customer's credit",
        }
    }
}

stored_names!(RefundDestination, "refund destination");

/// How much to refund.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefundAmount {
    /// All that can still be refunded.
    Full,
    /// Part of it, in minor units of the invoice's currency.
    Partial(Money),
}

/// An operator's (or a rule's) refund of one invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundRequest {
    /// How much.
    pub amount: RefundAmount,
    /// Where the money goes.
    pub destination: RefundDestination,
    /// Why: printed on the credit note.
    pub reason: String,
}

/// Longest reason accepted (it is printed on the credit note).
const MAX_REASON: usize = 500;

/// The amount to refund if the request is acceptable: positive, in the invoice's currency, at
/// most what can still be refunded, with a reason. Messages say what would be accepted.
pub fn check_refund(
    req: &RefundRequest,
    ledger: &InvoiceLedger,
    currency: crate::domain::Currency,
) -> Result<Money, DomainError> {
    let reason = req.reason.trim();
    if reason.is_empty() {
        return Err(DomainError::invalid(
            "Say why the money is refunded; the reason is printed on the credit note.",
        ));
    }
    if reason.chars().count() > MAX_REASON {
        return Err(DomainError::invalid(format!(
            "The reason is too long; use at most {MAX_REASON} characters."
        )));
    }
    let left = Money::new(ledger.refundable(), currency);
    let shown = money(&left, Locale::En);
    let amount = match req.amount {
        RefundAmount::Full => left,
        RefundAmount::Partial(m) if m.currency != currency => {
            return Err(DomainError::invalid(format!(
                "The invoice is in {currency}; refund in {currency}, not {}.",
                m.currency
            )));
        }
        RefundAmount::Partial(m) => m,
    };
    if ledger.refundable() == 0 {
        return Err(DomainError::invalid(
            "Nothing can be refunded on this invoice: nothing paid is left to give back.",
        ));
    }
    if amount.minor <= 0 {
        return Err(DomainError::invalid(format!(
            "Refund a positive amount, at most {shown}."
        )));
    }
    if amount.minor > ledger.refundable() {
        return Err(DomainError::invalid(format!(
            "At most {shown} can still be refunded on this invoice."
        )));
    }
    Ok(amount)
}
