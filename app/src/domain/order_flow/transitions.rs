//! The allowed transitions between order statuses, and when a refund is due.

use serde::{Deserialize, Serialize};

use super::{OrderEvent, OrderStatus};
use crate::domain::DomainError;

/// Facts about the order that decide where some events lead.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FlowContext {
    /// Whether the order must be paid before provisioning (false for a trial or a free order).
    pub payment_required: bool,
    /// Whether screening flagged the order and no operator has approved it yet.
    pub flagged: bool,
    /// Whether the money has been received (captured online, or an offline payment
    /// recorded by an operator).
    pub payment_captured: bool,
}

impl FlowContext {
    /// Whether nothing remains to be paid before provisioning.
    pub const fn payment_settled(&self) -> bool {
        !self.payment_required || self.payment_captured
    }
}

/// Applies `event` to an order in `status` and returns the new status.
///
/// Allowed transitions:
/// - Placed | Screening --Screened{flagged: false}--> AwaitingPayment if payment is
///   required, else Provisioning
/// - Placed | Screening --Screened{flagged: true}--> AwaitingApproval
/// - AwaitingPayment --PaymentCaptured--> AwaitingApproval if `ctx.flagged`, else Provisioning
/// - AwaitingPayment --PaymentOffline--> AwaitingApproval
/// - AwaitingPayment --PaymentDeclined--> Failed
/// - AwaitingApproval --Approved--> Provisioning if the payment is settled (captured or
///   not required), else AwaitingPayment
/// - AwaitingApproval --Rejected--> Rejected
/// - Provisioning --Provisioned--> Completed
/// - Provisioning --ProvisioningFailed--> Failed
/// - Failed --Retry--> Provisioning if the payment is settled, else AwaitingPayment
/// - any status that is not final --Cancel--> Cancelled
///
/// Anything else fails with "an order that is <status> cannot <event>".
pub fn next(
    status: OrderStatus,
    event: &OrderEvent,
    ctx: &FlowContext,
) -> Result<OrderStatus, DomainError> {
    use OrderEvent as E;
    use OrderStatus as S;
    let after_settlement = if ctx.payment_settled() {
        S::Provisioning
    } else {
        S::AwaitingPayment
    };
    match (status, event) {
        (S::Placed | S::Screening, E::Screened { flagged: true }) => Ok(S::AwaitingApproval),
        (S::Placed | S::Screening, E::Screened { flagged: false }) => Ok(if ctx.payment_required {
            S::AwaitingPayment
        } else {
            S::Provisioning
        }),
        (S::AwaitingPayment, E::PaymentCaptured) => Ok(if ctx.flagged {
            S::AwaitingApproval
        } else {
            S::Provisioning
        }),
        (S::AwaitingPayment, E::PaymentOffline) => Ok(S::AwaitingApproval),
        (S::AwaitingPayment, E::PaymentDeclined { .. }) => Ok(S::Failed),
        (S::AwaitingApproval, E::Approved) => Ok(after_settlement),
        (S::AwaitingApproval | S::Failed, E::Rejected { .. }) => Ok(S::Rejected),
        (S::Provisioning, E::Provisioned) => Ok(S::Completed),
        (S::Provisioning, E::ProvisioningFailed { .. }) => Ok(S::Failed),
        (S::Failed, E::Retry) => Ok(after_settlement),
        (from, E::Cancel { .. }) if !from.is_final() => Ok(S::Cancelled),
        _ => Err(DomainError::invalid(format!(
            "an order that is {} cannot {}",
            status.description(),
            event.verb()
        ))),
    }
}

/// Whether an order that moved to `to` must have its payment refunded: it ended
/// rejected or cancelled after the money was captured.
pub const fn needs_refund(to: OrderStatus, payment_captured: bool) -> bool {
    payment_captured && matches!(to, OrderStatus::Rejected | OrderStatus::Cancelled)
}
