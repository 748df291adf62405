//! The operator's dashboard: revenue (MRR, its movements and ratios per currency, and a total in
//! the reporting currency), billing, tenants by state now and over time, trial conversion, what
//! needs action, and the newest tenants.
use serde::{Deserialize, Serialize};

use crate::domain::mrr::{Month, MonthFigures, Ratios};
use crate::domain::TenantState;

/// The periods the dashboard shows, in months.
pub const PERIODS: [u32; 3] = [3, 12, 24];

/// Tenants in one state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateCount {
    /// The state.
    pub state: TenantState,
    /// How many tenants.
    pub count: i64,
}

/// One tenant in the operator's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantRowView {
    /// Tenant id.
    pub id: i64,
    /// Instance name.
    pub name: String,
    /// Instance address.
    pub url: String,
    /// Where the tenant is in its lifecycle.
    pub state: TenantState,
    /// Plan name.
    pub plan_name: String,
    /// Customer company.
    pub company: String,
    /// When it was ordered (UTC, minutes).
    pub created_at: String,
}

/// MRR in one currency: now, and month by month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revenue {
    /// ISO code.
    pub currency: String,
    /// MRR now (minor units).
    pub mrr_minor: i64,
    /// 12 x MRR.
    pub arr_minor: i64,
    /// Paying customers now.
    pub customers: i64,
    /// The ratios of the running month (LTV over the period shown).
    pub ratios: Ratios,
    /// The months of the period, oldest first; the last is the running month.
    pub months: Vec<MonthFigures>,
}

/// The total of every currency in the reporting currency, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportingTotal {
    /// Each month converted at the rate in force at its end (now, for the running month).
    Converted(Revenue),
    /// A rate is missing: what to add.
    MissingRate(String),
}

/// Of the trials started in a month, how many became paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrialCohort {
    pub month: Month,
    pub started: i64,
    pub converted: i64,
}

/// Tenants per state at the end of a month (now, for the running month).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateMonth {
    pub month: Month,
    pub counts: Vec<StateCount>,
}

/// Billing in one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BillingFigures {
    /// Invoices issued this month (not voided): how many, and their total with tax.
    pub invoiced: (i64, i64),
    /// Card and transfer payments captured this month.
    pub collected: (i64, i64),
    /// Invoices not paid yet.
    pub open: (i64, i64),
    /// Of those, past their due date.
    pub overdue: (i64, i64),
    /// Paid subscriptions renewing in the next 7 days: how many, and what they renew for
    /// (before tax).
    pub renewing_7_days: (i64, i64),
    /// The same over the next 30 days.
    pub renewing_30_days: (i64, i64),
}

/// Billing in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Billing {
    pub currency: String,
    pub figures: BillingFigures,
}

/// Why something is on the action list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionKind {
    /// An order waits for the operator's approval.
    Approval,
    /// Setting up an instance failed.
    FailedProvisioning,
    /// An invoice is past its due date.
    OverdueInvoice,
    /// A tenant's health is critical.
    CriticalHealth,
}

impl ActionKind {
    /// What people read.
    pub const fn label(self) -> &'static str {
        match self {
            ActionKind::Approval => "Approve or reject",
            ActionKind::FailedProvisioning => "Set-up failed",
            ActionKind::OverdueInvoice => "Overdue invoice",
            ActionKind::CriticalHealth => "Critical health",
        }
    }
}

/// One thing that needs the operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    pub kind: ActionKind,
    /// What it is about, e.g. "acme (Acme Ltd)".
    pub subject: String,
    /// A line of detail, e.g. an amount or a reason.
    pub detail: String,
    /// Where to act.
    pub href: String,
    /// Since when (for people).
    pub since: String,
}

/// A chart drawn on the server, shown with a table of the same numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chart {
    /// A stable id, e.g. "mrr".
    pub key: String,
    /// What it shows.
    pub title: String,
    /// The SVG markup.
    pub svg: String,
}

/// What the dashboard shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    /// The period shown, in months (one of [`PERIODS`]).
    pub months: u32,
    /// When the numbers were read, for people.
    pub as_of: String,
    /// Tenants that run or are being set up (not waiting for payment or approval, not failed,
    /// archived or terminated).
    pub live_tenants: i64,
    /// Counts per state; `provisioning` counts only instances being set up.
    pub by_state: Vec<StateCount>,
    /// New orders waiting for their bank transfer.
    pub awaiting_payment: i64,
    /// New orders waiting for the operator's approval.
    pub awaiting_approval: i64,
    /// MRR per currency, the largest first.
    pub revenue: Vec<Revenue>,
    /// The total in the reporting currency.
    pub reporting: Option<ReportingTotal>,
    /// Trial cohorts of the period.
    pub trials: Vec<TrialCohort>,
    /// Tenants by state at each month's end.
    pub tenant_months: Vec<StateMonth>,
    /// Billing per currency.
    pub billing: Vec<Billing>,
    /// What needs the operator, newest first.
    pub actions: Vec<ActionItem>,
    /// The charts.
    pub charts: Vec<Chart>,
    /// The newest tenants.
    pub tenants: Vec<TenantRowView>,
    /// The newest events.
    pub feed: Vec<FeedItem>,
    /// Tenants per health level, and those that need attention.
    pub health: crate::wire::health::HealthSummaryView,
    /// Resources used against what is included, and the database servers' share.
    pub utilization: crate::wire::utilization::UtilizationView,
}

/// What an event in the feed is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeedKind {
    Provisioning,
    Lifecycle,
    Billing,
    Health,
}

impl FeedKind {
    /// What people read.
    pub const fn label(self) -> &'static str {
        match self {
            FeedKind::Provisioning => "Order",
            FeedKind::Lifecycle => "Tenant",
            FeedKind::Billing => "Billing",
            FeedKind::Health => "Health",
        }
    }
}

/// One event of the feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedItem {
    pub kind: FeedKind,
    /// What happened, e.g. "acme: order provisioned".
    pub text: String,
    /// Its order, invoice or tenant.
    pub href: String,
    /// When, for people.
    pub at: String,
}
