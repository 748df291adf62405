//! One order as the operator inspects it: events, payments, invoices and provisioning steps.
use crate::domain::order_flow::OrderStatus;
use crate::domain::payment::PaymentStatus;
use crate::domain::StepStatus;
use crate::wire::invoices::detail::InvoiceRowView;
use crate::wire::orders::queue::OrderRowView;
use serde::{Deserialize, Serialize};

/// One recorded status change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderEventView {
    /// When (UTC, minutes).
    pub at: String,
    /// Event name, e.g. `screened` (pages show [`event_label`](crate::domain::order_flow::event_label)).
    pub event: String,
    /// Status before (none for the first).
    pub from: Option<OrderStatus>,
    /// Status after.
    pub to: OrderStatus,
    /// Who or what made it: `system`, `rule:fraud_screening`, `operator:<email>`, `customer:<email>`
    /// (pages show [`Actor::label_of`](crate::domain::Actor::label_of)).
    pub actor: String,
    /// Reason or detail.
    pub detail: String,
}

/// One payment of the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentView {
    /// Gateway name, `test_card` or `manual` (pages show
    /// [`gateway_label`](crate::domain::payment::gateway_label)).
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
    /// How far it got.
    pub status: StepStatus,
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
    /// Its invoices, oldest first (each has a page of its own, with its timeline and refunds).
    pub invoices: Vec<InvoiceRowView>,
}
