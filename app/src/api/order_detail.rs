//! One order as the operator sees it: every workflow event with who or what made it, the
//! payments, and every provisioning attempt step by step.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::order_queue::OrderRowView;
use crate::domain::payment::PaymentStatus;
use crate::error::AppError;

/// One recorded status change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderEventView {
    /// When (UTC, minutes).
    pub at: String,
    /// Event name, e.g. `screened`.
    pub event: String,
    /// Status before (empty for the first).
    pub from: String,
    /// Status after.
    pub to: String,
    /// Who or what made it: `system`, `rule:fraud_screening`, `operator:<email>`, `customer:<email>`.
    pub actor: String,
    /// Reason or detail.
    pub detail: String,
}

/// One payment of the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentView {
    /// `card` or `manual`.
    pub gateway: String,
    /// Where the payment stands.
    pub status: PaymentStatus,
    /// Amount with currency.
    pub amount: String,
    /// Gateway reference.
    pub reference: String,
    /// Instructions or notes.
    pub detail: String,
}

/// One provisioning step of one attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepView {
    /// Attempt number.
    pub attempt: i64,
    /// Step name.
    pub step: String,
    /// running, done, failed or rolled_back.
    pub status: String,
    /// Why it failed.
    pub detail: String,
}

/// Everything about one order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDetailView {
    /// The queue's summary of it.
    pub order: OrderRowView,
    /// Its status changes, oldest first.
    pub events: Vec<OrderEventView>,
    /// Its payments, oldest first.
    pub payments: Vec<PaymentView>,
    /// Its provisioning steps, every attempt.
    pub steps: Vec<StepView>,
}

/// One order with its history, for operators.
#[server]
pub async fn order_detail(order_id: i64) -> Result<OrderDetailView, AppError> {
    use crate::backend::{context, order_queue};
    let result = async {
        let (st, _) = context::operator().await?;
        order_queue::detail(&st, order_id).await
    }
    .await;
    context::finish(result, None)
}
