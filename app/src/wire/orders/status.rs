//! An order as its customer follows it: status, timeline and provisioning progress.
use crate::domain::order_flow;
use crate::domain::{StepStatus, TenantState};
use serde::{Deserialize, Serialize};

/// Where an order stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderStatusView {
    /// Instance name ordered.
    pub instance_name: String,
    /// Its address.
    pub instance_url: String,
    /// The workflow status (placed, awaiting_payment, awaiting_approval, provisioning, ...).
    pub status: order_flow::OrderStatus,
    /// Why it failed, when it did.
    pub failure_reason: Option<String>,
    /// Plan name.
    pub plan_name: String,
    /// Where the welcome mail went.
    pub email: String,
    /// The tenant's state (none for an order without a tenant).
    pub tenant_state: Option<TenantState>,
    /// How to pay an offline payment that is still open.
    pub payment_instructions: Option<String>,
    /// The bank transfer still to make, when the order waits for one.
    pub bank_transfer: Option<crate::wire::bank_transfer::BankTransferDue>,
    /// The order's invoice number, when it has one.
    pub invoice_number: Option<String>,
    /// The numbers of the credit notes shown with the order (refunds, a downgrade's credit).
    pub credit_notes: Vec<String>,
    /// Whether it starts a free trial.
    pub is_trial: bool,
    /// Whether the trial waits for its customer to confirm the email address.
    pub awaiting_email: bool,
    /// For an order that changes a running subscription, what it does ("Upgrade", "Renewal"...).
    pub change: Option<String>,
    /// What happened to the order, oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// The provisioning steps of the latest attempt (all `pending` before it starts).
    pub steps: Vec<ProgressStep>,
    /// Which provisioning attempt `steps` shows (0: none yet).
    pub attempt: i64,
}

impl OrderStatusView {
    /// Whether the order is still moving on its own, so its page should refresh itself.
    pub fn in_progress(&self) -> bool {
        self.status.moves_by_itself()
    }
}

/// One entry of an order's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// What happened.
    pub label: String,
    /// When (UTC, to the minute).
    pub at: String,
}

/// One provisioning step and how far it got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressStep {
    /// The step's name.
    pub label: String,
    /// How far it got.
    pub state: StepStatus,
}
