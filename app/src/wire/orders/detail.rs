//! One order as the operator inspects it: events, payments and provisioning steps.
use crate::domain::payment::PaymentStatus;
use crate::wire::orders::queue::OrderRowView;
use serde::{Deserialize, Serialize};

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
