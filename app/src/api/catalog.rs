//! The storefront's catalog: published plans.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::pricing::Offer;
use crate::error::AppError;

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
    /// Its published plans.
    pub plans: Vec<PlanView>,
}

/// A storefront (the default one for an empty code) and its plans.
#[server]
pub async fn storefront_catalog(code: String) -> Result<StorefrontView, AppError> {
    use crate::backend::context;
    let result = async {
        let st = context::state()?;
        st.storefront_cache.storefront(&st.pool, &code).await
    }
    .await;
    context::finish(result, None)
}
