//! [`OrderEvent`]: what can happen to an order.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Something that happens to an order and may change its [`OrderStatus`](super::OrderStatus).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum OrderEvent {
    /// Fraud screening finished.
    Screened {
        /// Whether screening asked for an operator's review.
        flagged: bool,
    },
    /// The payment provider captured the payment.
    PaymentCaptured,
    /// The customer chose an offline payment (bank transfer); an operator must confirm it.
    PaymentOffline,
    /// The payment provider declined the payment.
    PaymentDeclined {
        /// Explanation for the customer and the audit log.
        reason: String,
    },
    /// An operator approved the order.
    Approved,
    /// An operator refused the order.
    Rejected {
        /// Explanation for the customer and the audit log.
        reason: String,
    },
    /// Provisioning finished.
    Provisioned,
    /// Provisioning did not succeed.
    ProvisioningFailed {
        /// Explanation for the operator and the audit log.
        reason: String,
    },
    /// Someone asked to try a failed order again.
    Retry,
    /// The customer or an operator cancelled the order.
    Cancel {
        /// Explanation for the audit log.
        reason: String,
    },
}

impl OrderEvent {
    /// Stable name for audit logs, e.g. `"payment_captured"`.
    pub const fn as_str(&self) -> &'static str {
        match self {
            OrderEvent::Screened { .. } => "screened",
            OrderEvent::PaymentCaptured => "payment_captured",
            OrderEvent::PaymentOffline => "payment_offline",
            OrderEvent::PaymentDeclined { .. } => "payment_declined",
            OrderEvent::Approved => "approved",
            OrderEvent::Rejected { .. } => "rejected",
            OrderEvent::Provisioned => "provisioned",
            OrderEvent::ProvisioningFailed { .. } => "provisioning_failed",
            OrderEvent::Retry => "retry",
            OrderEvent::Cancel { .. } => "cancel",
        }
    }

    /// The reason carried by the event, if any.
    pub fn reason(&self) -> Option<&str> {
        match self {
            OrderEvent::PaymentDeclined { reason }
            | OrderEvent::Rejected { reason }
            | OrderEvent::ProvisioningFailed { reason }
            | OrderEvent::Cancel { reason } => Some(reason),
            _ => None,
        }
    }

    /// Verb phrase used in "an order that is <status> cannot <verb>".
    pub(super) const fn verb(&self) -> &'static str {
        match self {
            OrderEvent::Screened { .. } => "be screened",
            OrderEvent::PaymentCaptured => "take a payment",
            OrderEvent::PaymentOffline => "wait for an offline payment",
            OrderEvent::PaymentDeclined { .. } => "have its payment declined",
            OrderEvent::Approved => "be approved",
            OrderEvent::Rejected { .. } => "be rejected",
            OrderEvent::Provisioned => "be marked as provisioned",
            OrderEvent::ProvisioningFailed { .. } => "be marked as failed to provision",
            OrderEvent::Retry => "be retried",
            OrderEvent::Cancel { .. } => "be cancelled",
        }
    }
}

/// The operator's words for a recorded event name (`order_events.event`: an
/// [`OrderEvent::as_str`] or `"placed"`), e.g. `"Payment captured"`; `"Updated"` for an unknown one.
pub fn event_label(name: &str) -> &'static str {
    match name {
        "placed" => "Placed",
        "screened" => "Screened",
        "payment_captured" => "Payment captured",
        "payment_offline" => "Offline payment chosen",
        "payment_declined" => "Payment declined",
        "approved" => "Approved",
        "rejected" => "Rejected",
        "provisioned" => "Provisioned",
        "provisioning_failed" => "Provisioning failed",
        "retry" => "Retried",
        "cancel" => "Cancelled",
        _ => "Updated",
    }
}

/// Every name an order event is recorded under (`order_events.event`); the customer's words for
/// them are messages of the catalogue (`order-event-<name>`).
pub const EVENT_NAMES: [&str; 11] = [
    "placed",
    "screened",
    "payment_captured",
    "payment_offline",
    "payment_declined",
    "approved",
    "rejected",
    "provisioned",
    "provisioning_failed",
    "retry",
    "cancel",
];

impl fmt::Display for OrderEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
