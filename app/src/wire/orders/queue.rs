//! A row of the operator's order queue.
use crate::domain::order_flow::OrderStatus;
use serde::{Deserialize, Serialize};

/// One order in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRowView {
    /// Order id.
    pub id: i64,
    /// The order's private token (links to its page and invoice).
    pub token: String,
    /// When it was placed (UTC, minutes).
    pub created_at: String,
    /// Instance ordered.
    pub instance_name: String,
    /// Customer company.
    pub company: String,
    /// Customer email.
    pub email: String,
    /// Plan name.
    pub plan_name: String,
    /// Workflow status.
    pub status: OrderStatus,
    /// Amount due at order, formatted.
    pub total: String,
    /// Why screening flagged it.
    pub flag_reasons: String,
    /// Why it failed or was declined (empty otherwise).
    pub failure_reason: String,
    /// Provisioning attempts made so far.
    pub provision_attempts: i64,
    /// The latest payment's status and gateway in words, e.g. "Captured · Test card".
    pub payment: String,
}
