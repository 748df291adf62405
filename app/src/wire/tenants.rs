//! One tenant for the operator (its state, subscription, unpaid invoice and history), and what
//! an instance's host tells its users while the instance is paused.
use serde::{Deserialize, Serialize};

use crate::domain::dunning::DunningStatus;
use crate::domain::{SubscriptionState, TenantState};

/// A tenant's subscription, as the operator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionFacts {
    pub status: SubscriptionState,
    /// End of the paid (or trial) period, UTC, to the minute.
    pub period_end: String,
    /// End of the free trial, if it is one.
    pub trial_ends: Option<String>,
    /// Ends at the period's end (cancelled by the customer).
    pub cancelling: bool,
}

/// The unpaid invoice a tenant is held for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DunningView {
    pub status: DunningStatus,
    /// The unpaid invoice (the operator's invoice page, with its timeline).
    pub invoice_id: i64,
    pub invoice_number: String,
    /// The amount due, formatted.
    pub amount: String,
    /// When the renewal failed, UTC.
    pub failed_at: String,
    /// Card retries made so far.
    pub attempts: i64,
    /// The next card retry, if one is planned.
    pub next_attempt: Option<String>,
    /// When the tenant was suspended for it.
    pub suspended_at: Option<String>,
    /// The order whose invoice it is (the operator's order page).
    pub order_id: i64,
}

/// One change in a tenant's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantEventView {
    pub at: String,
    pub event: String,
    pub from: Option<TenantState>,
    pub to: TenantState,
    pub actor: String,
    pub detail: String,
}

/// One tenant, for the operator's tenant page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantDetailView {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub state: TenantState,
    pub company: String,
    pub email: String,
    pub plan_name: String,
    pub subscription: Option<SubscriptionFacts>,
    /// The newest dunning, open or ended.
    pub dunning: Option<DunningView>,
    /// Newest first.
    pub events: Vec<TenantEventView>,
    /// The tenant's rehearsals, newest first.
    pub rehearsals: Vec<crate::wire::rehearsals::RehearsalSummary>,
    /// The MRR it counts for now, for people (empty when none).
    pub mrr: String,
    /// Users against the licence.
    pub seats: crate::domain::members::Seats,
    /// Its newest invoices.
    pub invoices: Vec<crate::wire::billing::BillingInvoice>,
    /// Its newest payments.
    pub payments: Vec<crate::wire::billing::PaymentLine>,
    /// Its health and newest checks (none in a rehearsal's copy).
    pub health: Option<crate::wire::health::TenantHealthView>,
}

/// Why an instance is not running, for its users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PausedReason {
    /// A renewal is unpaid: how much, since when, and where the admin pays it.
    Unpaid {
        amount: String,
        since: String,
        pay_url: String,
    },
    /// The free trial ended.
    TrialEnded,
    /// The operator paused it.
    Operator,
    /// It was closed.
    Closed,
}

/// What an instance's host shows while the instance does not run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PausedView {
    pub name: String,
    pub state: TenantState,
    pub reason: PausedReason,
}

/// What an operator does to a tenant (sent by the tenant page's forms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TenantAction {
    Suspend,
    Resume,
    Extend,
    Archive,
    Restore,
    Terminate,
}

impl TenantAction {
    /// The form value (as serde writes it).
    pub const fn as_str(self) -> &'static str {
        match self {
            TenantAction::Suspend => "suspend",
            TenantAction::Resume => "resume",
            TenantAction::Extend => "extend",
            TenantAction::Archive => "archive",
            TenantAction::Restore => "restore",
            TenantAction::Terminate => "terminate",
        }
    }
}

/// One tenant in the operator's tenant list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantListRow {
    pub id: i64,
    /// Instance name.
    pub name: String,
    /// Instance address.
    pub url: String,
    pub company: String,
    pub email: String,
    pub plan_name: String,
    pub state: TenantState,
    /// MRR the tenant counts for now, formatted ("€49.00"), or empty.
    pub mrr: String,
    /// When it was ordered, for people.
    pub created_at: String,
}

/// The tenant list: a page of the tenants that match, and what the filters offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantListView {
    pub rows: Vec<TenantListRow>,
    /// How many match.
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    /// The plan names to filter by.
    pub plans: Vec<String>,
}
