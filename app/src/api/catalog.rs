//! The storefront's catalog: published plans.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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

/// Every published plan.
#[server]
pub async fn list_plans() -> Result<Vec<PlanView>, AppError> {
    use crate::backend::{catalog, context};
    let st = context::state()?;
    let rows = catalog::published_plans(&st.pool).await?;
    context::finish(rows.iter().map(|r| r.view()).collect(), None)
}

/// One published plan by code.
#[server]
pub async fn get_plan(code: String) -> Result<PlanView, AppError> {
    use crate::backend::{catalog, context};
    let st = context::state()?;
    let result = async { catalog::published_plan(&st.pool, &code).await?.view() }.await;
    context::finish(result, None)
}
