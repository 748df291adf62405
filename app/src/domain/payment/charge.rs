//! Charge requests and their outcomes, including why a charge was declined.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::Money;

/// A request to charge a stored payment method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChargeRequest {
    /// Caller-chosen key; charging the same key twice yields the same charge.
    pub idempotency_key: String,
    /// Amount to charge; must be greater than zero.
    pub amount: Money,
    /// What the charge is for, e.g. `"Invoice INV-2025-0042"`.
    pub description: String,
}

impl ChargeRequest {
    /// Builds a charge request.
    pub fn new(
        idempotency_key: impl Into<String>,
        amount: Money,
        description: impl Into<String>,
    ) -> ChargeRequest {
        ChargeRequest {
            idempotency_key: idempotency_key.into(),
            amount,
            description: description.into(),
        }
    }
}

/// Why a charge was declined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclineCode {
    /// The card issuer declined without a specific reason.
    CardDeclined,
    /// Not enough money on the account.
    InsufficientFunds,
    /// Blocked as probable fraud (customers are shown a generic decline message).
    SuspectedFraud,
    /// The card has expired.
    Expired,
    /// The request or payment method is not valid (e.g. a zero amount).
    Invalid,
}

impl DeclineCode {
    /// Stable machine-readable code, e.g. `"insufficient_funds"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            DeclineCode::CardDeclined => "card_declined",
            DeclineCode::InsufficientFunds => "insufficient_funds",
            DeclineCode::SuspectedFraud => "suspected_fraud",
            DeclineCode::Expired => "expired",
            DeclineCode::Invalid => "invalid",
        }
    }

    /// Default customer-facing explanation.
    ///
    /// Suspected fraud deliberately reads like an ordinary decline so that
    /// fraudsters learn nothing; operators see the code.
    pub fn customer_message(&self) -> &'static str {
        match self {
            DeclineCode::CardDeclined | DeclineCode::SuspectedFraud => {
                "Your card was declined. Please use a different card or contact your bank."
            }
            DeclineCode::InsufficientFunds => {
                "Your card has insufficient funds. Please use a different card or contact your bank."
            }
            DeclineCode::Expired => "Your card has expired. Please use a different card.",
            DeclineCode::Invalid => {
                "This payment could not be processed. Please check the payment details and try again."
            }
        }
    }
}

impl fmt::Display for DeclineCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The result of a charge attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ChargeOutcome {
    /// The money has been taken.
    Captured {
        /// Gateway reference of the charge (used for refunds).
        reference: String,
    },
    /// Awaiting an offline payment that an operator confirms later.
    Pending {
        /// Reference the customer must quote.
        reference: String,
        /// Days the customer has to pay.
        due_days: u32,
        /// Customer-facing payment instructions.
        instructions: String,
    },
    /// The charge was refused; nothing was taken.
    Declined {
        /// Why it was declined.
        code: DeclineCode,
        /// Customer-facing explanation.
        message: String,
    },
}

impl ChargeOutcome {
    /// A decline with the code's default customer message.
    pub fn declined(code: DeclineCode) -> ChargeOutcome {
        ChargeOutcome::declined_with(code, code.customer_message())
    }

    /// A decline with a specific customer message.
    pub fn declined_with(code: DeclineCode, message: impl Into<String>) -> ChargeOutcome {
        ChargeOutcome::Declined {
            code,
            message: message.into(),
        }
    }

    /// The charge reference, unless declined.
    pub fn reference(&self) -> Option<&str> {
        match self {
            ChargeOutcome::Captured { reference } | ChargeOutcome::Pending { reference, .. } => {
                Some(reference)
            }
            ChargeOutcome::Declined { .. } => None,
        }
    }

    /// The decline code, if declined.
    pub fn decline_code(&self) -> Option<DeclineCode> {
        match self {
            ChargeOutcome::Declined { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// Returns `true` if the money has been taken.
    pub fn is_captured(&self) -> bool {
        matches!(self, ChargeOutcome::Captured { .. })
    }
}

pub(super) fn invalid_amount() -> ChargeOutcome {
    ChargeOutcome::declined_with(
        DeclineCode::Invalid,
        "The payment amount must be greater than zero.",
    )
}
