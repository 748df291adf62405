//! [`OrderStatus`]: where an order is in its workflow.

use serde::{Deserialize, Serialize};

use crate::domain::names::stored_names;

/// Where an order is in its workflow; serialized as `"placed"`, `"awaiting_payment"`, etc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Submitted, not yet screened.
    Placed,
    /// Screening is under way (for screening that does not answer at once).
    Screening,
    /// Waiting for the customer's payment.
    AwaitingPayment,
    /// Waiting for an operator: flagged by screening or paid offline.
    AwaitingApproval,
    /// The purchase is being carried out.
    Provisioning,
    /// Done (final).
    Completed,
    /// Refused by an operator (final).
    Rejected,
    /// Cancelled before completion (final).
    Cancelled,
    /// Payment was declined or provisioning failed; can be retried.
    Failed,
}

impl OrderStatus {
    /// All statuses in workflow order.
    pub const ALL: [OrderStatus; 9] = [
        OrderStatus::Placed,
        OrderStatus::Screening,
        OrderStatus::AwaitingPayment,
        OrderStatus::AwaitingApproval,
        OrderStatus::Provisioning,
        OrderStatus::Completed,
        OrderStatus::Rejected,
        OrderStatus::Cancelled,
        OrderStatus::Failed,
    ];

    /// Stable identifier used in storage and URLs.
    pub const fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Placed => "placed",
            OrderStatus::Screening => "screening",
            OrderStatus::AwaitingPayment => "awaiting_payment",
            OrderStatus::AwaitingApproval => "awaiting_approval",
            OrderStatus::Provisioning => "provisioning",
            OrderStatus::Completed => "completed",
            OrderStatus::Rejected => "rejected",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::Failed => "failed",
        }
    }

    /// Human-readable name for the UI, e.g. `"Awaiting payment"`.
    pub const fn label(self) -> &'static str {
        match self {
            OrderStatus::Placed => "Placed",
            OrderStatus::Screening => "Screening",
            OrderStatus::AwaitingPayment => "Awaiting payment",
            OrderStatus::AwaitingApproval => "Awaiting approval",
            OrderStatus::Provisioning => "Provisioning",
            OrderStatus::Completed => "Completed",
            OrderStatus::Rejected => "Rejected",
            OrderStatus::Cancelled => "Cancelled",
            OrderStatus::Failed => "Failed",
        }
    }

    /// Whether the order moves on by itself from here, without a customer or an operator
    /// (placed, screening, provisioning): pages follow it and the API may wait for it.
    pub const fn moves_by_itself(self) -> bool {
        matches!(
            self,
            OrderStatus::Placed | OrderStatus::Screening | OrderStatus::Provisioning
        )
    }

    /// Whether no event can change the status any more (completed, rejected or cancelled).
    pub const fn is_final(self) -> bool {
        matches!(
            self,
            OrderStatus::Completed | OrderStatus::Rejected | OrderStatus::Cancelled
        )
    }

    /// Phrase used after "an order that is" in transition errors.
    pub(super) const fn description(self) -> &'static str {
        match self {
            OrderStatus::Placed => "placed",
            OrderStatus::Screening => "being screened",
            OrderStatus::AwaitingPayment => "awaiting payment",
            OrderStatus::AwaitingApproval => "awaiting approval",
            OrderStatus::Provisioning => "provisioning",
            OrderStatus::Completed => "completed",
            OrderStatus::Rejected => "rejected",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::Failed => "failed",
        }
    }
}

stored_names!(OrderStatus, "order status");
