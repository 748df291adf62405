//! The catalog as a storefront shows it: its plans and the storefront itself.
pub mod addons;
pub mod parts;
pub mod plans;
pub mod products;
pub mod resources;
pub mod storefront_billing;
pub mod storefronts;
pub mod tax_rates;
pub mod templates;

use crate::domain::pricing::Offer;
use serde::{Deserialize, Serialize};

/// A published plan as the storefront shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    /// Code used in URLs.
    pub code: String,
    /// Plan name.
    pub name: String,
    /// What the plan is for.
    pub description: String,
    /// The product the plan sells.
    pub product_name: String,
    /// Recurring price, formatted.
    pub price_label: String,
    /// Setup fee, formatted.
    pub setup_fee_label: String,
    /// Recurring price in minor units.
    pub price_minor: i64,
    /// ISO currency code.
    pub currency: String,
    /// Billing period in months.
    pub period_months: i64,
    /// Free trial length in days (0: none).
    pub trial_days: i64,
    /// Users included.
    pub included_users: i64,
    /// Modules installed.
    pub modules: Vec<String>,
    /// Whether it is bought, tried for free, or either.
    pub offer: Offer,
    /// Its billing periods with their prices, shortest first (filled for storefront catalogs).
    #[serde(default)]
    pub prices: Vec<PlanPrice>,
    /// What its template installs, by module name (filled for storefront catalogs).
    #[serde(default)]
    pub includes: Vec<String>,
}

/// One billing period of a plan as the storefront advertises it (minor units of the plan's
/// currency, before tax; pages format them in the visitor's language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPrice {
    /// Months per period.
    pub period_months: u32,
    /// One-off setup fee (0: none).
    pub setup_minor: i64,
    /// Price of one period.
    pub per_period_minor: i64,
    /// The same per month.
    pub per_month_minor: i64,
    /// Setup fee plus the first period.
    pub first_payment_minor: i64,
    /// Whole percent saved per month against the shortest period.
    pub saving_percent: u32,
}

impl PlanView {
    /// "per month", "per 12 months".
    pub fn period_label(&self) -> String {
        if self.period_months == 1 {
            "per month".into()
        } else {
            format!("per {} months", self.period_months)
        }
    }
}

/// A storefront with the plans it sells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorefrontView {
    /// Code used in URLs (`/s/<code>`).
    pub code: String,
    /// Display name.
    pub name: String,
    /// Logo address (may be empty).
    pub logo_url: String,
    /// Accent colour (checked to be a hex colour).
    pub primary_color: String,
    /// The currency it sells in.
    pub currency: String,
    /// Whether it is the default storefront (served at `/`).
    pub is_default: bool,
    /// Its default language tag (`en`, `de`).
    pub language: String,
    /// Its published plans.
    pub plans: Vec<PlanView>,
}
