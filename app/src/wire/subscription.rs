//! A tenant's subscription in the portal: its plan, the plan changes offered and their preview.
use crate::domain::order_flow::OrderStatus;
use crate::domain::pricing::QuoteLine;
use crate::domain::SubscriptionState;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A change as the portal's form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeForm {
    /// Plan code (the current plan's code keeps the subscription on its version).
    pub plan: String,
    /// Users beyond those the plan includes.
    #[serde(default)]
    pub extra_users: String,
    /// Add-on code to quantity (a ticked box sends "1").
    #[serde(default)]
    pub addons: BTreeMap<String, String>,
    /// The total (minor units) shown in the preview, when confirming.
    #[serde(default)]
    pub expected_total: String,
    /// One key per confirmation, so a double submission orders once.
    #[serde(default)]
    pub idempotency_key: String,
    /// A coupon code typed for the change (blank: none).
    #[serde(default)]
    pub coupon: String,
}

/// A free trial turned into a paid subscription, as the portal's form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversionForm {
    /// The plan and period chosen, as `<plan code>:<months>` (see [`PeriodChoice::value`]).
    #[serde(default)]
    pub choice: String,
    /// Users beyond those the plan includes.
    #[serde(default)]
    pub extra_users: String,
    /// Billing country (a trial was ordered without one).
    #[serde(default)]
    pub billing_country: String,
    /// Billing address, one line each.
    #[serde(default)]
    pub billing_address: String,
    /// VAT ID, or empty.
    #[serde(default)]
    pub vat_id: String,
    /// The card's number.
    #[serde(default)]
    pub card_number: String,
    /// Its expiry month.
    #[serde(default)]
    pub card_exp_month: String,
    /// Its expiry year.
    #[serde(default)]
    pub card_exp_year: String,
    /// Its security code.
    #[serde(default)]
    pub card_cvc: String,
    /// One key per form, so a double submission pays once.
    #[serde(default)]
    pub idempotency_key: String,
}

/// A paid plan and billing period a trial can be converted to, priced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodChoice {
    /// The plan's code.
    pub plan: String,
    /// The plan's name.
    pub plan_name: String,
    /// Length in months.
    pub months: u32,
    /// What the first period costs before tax, setup fee included, in minor units.
    pub first_minor: i64,
    /// Its currency.
    pub currency: String,
}

impl PeriodChoice {
    /// What the conversion form sends for this choice.
    pub fn value(&self) -> String {
        format!("{}:{}", self.plan, self.months)
    }
}

/// A plan the subscription can move to, with its add-ons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanChoice {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Add-ons as (code, name).
    pub addons: Vec<(String, String)>,
}

/// A change order of this subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeOrderView {
    /// Public token (links to the order's page).
    pub token: String,
    /// Kind label.
    pub kind: String,
    /// Workflow status.
    pub status: OrderStatus,
    /// Amount due, formatted.
    pub total: String,
    /// Day placed.
    pub placed: String,
}

/// An invoice of the tenant, linked to its page and its PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLink {
    /// Invoice number.
    pub number: String,
    /// Day issued (ISO).
    pub issued: String,
    /// Total in minor units.
    pub total_minor: i64,
    /// Its currency.
    pub currency: String,
    /// Whether it is paid.
    pub paid: bool,
    /// The invoice's page on the storefront (its PDF is this address with `.pdf`).
    pub url: String,
}

/// The subscription as the portal shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionView {
    /// Plan name.
    pub plan_name: String,
    /// Plan code without version.
    pub plan_code: String,
    /// Where the subscription is in its lifecycle.
    pub status: SubscriptionState,
    /// First day of the current period.
    pub period_start: String,
    /// Day the period ends (and renews or ends).
    pub period_end: String,
    /// Billing period in months.
    pub period_months: u32,
    /// The next renewal's price, taxed (empty while nothing is billed).
    pub renewal_price: String,
    /// Whether the subscription ends at the end of its period.
    pub ending: bool,
    /// The stored card, or "Bank transfer".
    pub payment_method: String,
    /// Credit for coming renewals, formatted.
    pub credit: String,
    /// Extra users today.
    pub extra_users: u32,
    /// Add-on codes today with quantities.
    pub addons: Vec<(String, u32)>,
    /// Plans it can move to (the current one first).
    pub plans: Vec<PlanChoice>,
    /// Its change orders, newest first.
    pub orders: Vec<ChangeOrderView>,
    /// Every invoice of the tenant's orders, newest first.
    pub invoices: Vec<InvoiceLink>,
    /// For a free trial: when it ends (for people) and the periods it can be converted to.
    pub trial: Option<(String, Vec<PeriodChoice>)>,
}

/// The priced preview of a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangePreview {
    /// Upgrade, downgrade or add-on.
    pub kind: String,
    /// Lines: credit, new configuration for the rest of the period, setup fees, tax.
    pub lines: Vec<QuoteLine>,
    /// Due now (or credited when negative), in minor units.
    pub total_minor: i64,
    /// The same, formatted.
    pub total: String,
    /// Each renewal after the change, formatted.
    pub renewal: String,
}
