//! [`PaymentStatus`]: where a recorded payment stands.

use serde::{Deserialize, Serialize};

use crate::domain::names::stored_names;

/// Where a recorded payment stands; serialized as `"pending"`, `"captured"`, etc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Waiting for the money (an offline payment an operator confirms).
    Pending,
    /// The money was received.
    Captured,
    /// The money was given back.
    Refunded,
    /// Cancelled before any money moved.
    Voided,
    /// The provider refused it.
    Declined,
}

impl PaymentStatus {
    /// All statuses.
    pub const ALL: [PaymentStatus; 5] = [
        PaymentStatus::Pending,
        PaymentStatus::Captured,
        PaymentStatus::Refunded,
        PaymentStatus::Voided,
        PaymentStatus::Declined,
    ];

    /// Human-readable name for the UI, e.g. `"Pending"`.
    pub const fn label(self) -> &'static str {
        match self {
            PaymentStatus::Pending => "Pending",
            PaymentStatus::Captured => "Captured",
            PaymentStatus::Refunded => "Refunded",
            PaymentStatus::Voided => "Voided",
            PaymentStatus::Declined => "Declined",
        }
    }

    /// Stable identifier used in storage and on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Pending => "pending",
            PaymentStatus::Captured => "captured",
            PaymentStatus::Refunded => "refunded",
            PaymentStatus::Voided => "voided",
            PaymentStatus::Declined => "declined",
        }
    }
}

stored_names!(PaymentStatus, "payment status");
