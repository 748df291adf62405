//! Reading the catalog: published plans with their product.
//!
//! The operator's editing lives here too, one module per thing edited. The rule every price edit
//! keeps: a plan version that has orders or subscribers is never changed in a way that alters what
//! a customer pays; such an edit lands on a new version under the same code ([`plan_versions`]).
pub mod addons;
pub mod parts;
pub mod plan_detail;
mod plan_edits;
pub mod plan_periods;
pub mod plan_rates;
mod plan_versions;
pub mod plans;
pub mod products;
pub mod resources;
pub mod storefront_billing;
pub mod storefront_plans;
pub mod storefronts;
mod structure;
pub mod tax_rates;
pub mod template_items;
pub mod templates;

pub(crate) use plan_edits::{editable, in_use, version_for_price_edit};
pub(crate) use structure::{
    codes, description, find, id_of, insert_draft, name, published_codes, published_id,
    set_published, update_by_code, Field,
};
pub use templates::{loads_demo_data, template_spec, TemplateSpec};

use sqlx::AnyPool;

use crate::domain::pricing::Offer;
use crate::domain::{Currency, Money};
use crate::error::{AppError, Result};
use crate::wire::catalog::PlanView;

/// A plan row joined with its product.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PlanRow {
    /// Plan id.
    pub id: i64,
    /// Plan code used in URLs.
    pub code: String,
    /// Plan name.
    pub name: String,
    /// Plan description.
    pub description: String,
    /// Recurring price in minor units.
    pub price_minor: i64,
    /// One-off setup fee in minor units.
    pub setup_fee_minor: i64,
    /// ISO currency code.
    pub currency: String,
    /// Billing period length.
    pub period_months: i64,
    /// Free trial length (0: no trial).
    pub trial_days: i64,
    /// Users included in the licence.
    pub included_users: i64,
    /// Whether new instances get demo data.
    pub demo_data: i64,
    /// Product name.
    pub product_name: String,
    /// Comma-separated module codes the product installs.
    pub modules: String,
    /// How many periods carry a price (none: a trial-only plan).
    pub priced_periods: i64,
    /// What ends a trial: `suspend` or `archive`.
    pub trial_end_action: String,
}

/// A plan with the price of its shortest period, the one the storefront advertises.
pub(crate) const SELECT_PLAN: &str = "SELECT p.id, p.code, p.name, p.description, \
     pp.recurring_fee_minor AS price_minor, pp.setup_fee_minor, pp.months AS period_months, \
     p.currency, p.trial_days, p.included_users, p.demo_data, pr.name AS product_name, pr.modules, \
     (SELECT COUNT(*) FROM plan_periods x WHERE x.plan_id = p.id AND (x.setup_fee_minor > 0 OR x.recurring_fee_minor > 0)) AS priced_periods, \
     p.trial_end_action \
     FROM plans p JOIN products pr ON pr.id = p.product_id \
     JOIN plan_periods pp ON pp.plan_id = p.id \
     AND pp.months = (SELECT MIN(x.months) FROM plan_periods x WHERE x.plan_id = p.id)";

/// The code a plan is sold under, without the `@v<version>` a retired version carries.
pub fn plan_family(code: &str) -> &str {
    code.split('@').next().unwrap_or(code)
}

impl PlanRow {
    /// The code this plan's family is sold under (see [`plan_family`]).
    pub fn family(&self) -> &str {
        plan_family(&self.code)
    }

    /// Whether the plan is bought, tried, or either.
    pub fn offer(&self) -> Offer {
        Offer::of(self.trial_days, self.priced_periods > 0)
    }

    /// Module codes as a list.
    pub fn module_list(&self) -> Vec<String> {
        self.modules
            .split(',')
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(String::from)
            .collect()
    }

    fn money(&self, minor: i64) -> Result<String> {
        let currency = Currency::parse(&self.currency)?;
        Ok(crate::domain::format::money(
            &Money::new(minor, currency),
            crate::domain::format::Locale::En,
        ))
    }

    /// The wire view of this plan.
    pub fn view(&self) -> Result<PlanView> {
        Ok(PlanView {
            code: self.code.clone(),
            name: self.name.clone(),
            description: self.description.clone(),
            product_name: self.product_name.clone(),
            price_label: self.money(self.price_minor)?,
            setup_fee_label: self.money(self.setup_fee_minor)?,
            price_minor: self.price_minor,
            currency: self.currency.clone(),
            period_months: self.period_months,
            trial_days: self.trial_days,
            included_users: self.included_users,
            modules: self.module_list(),
            offer: self.offer(),
            prices: Vec::new(),
            includes: Vec::new(),
        })
    }
}

/// Every published plan of a published product, in display order.
pub async fn published_plans(pool: &AnyPool) -> Result<Vec<PlanRow>> {
    let rows = sqlx::query_as::<_, PlanRow>(&format!(
        "{SELECT_PLAN} WHERE p.status = 'published' AND pr.published = 1 ORDER BY p.sort_order, p.id"
    ))
    .fetch_all(pool)
    .await?;
    Ok(rows)
}

/// One plan by id, published or not (for existing subscribers).
pub async fn plan_by_id(pool: &AnyPool, id: i64) -> Result<PlanRow> {
    sqlx::query_as::<_, PlanRow>(&format!("{SELECT_PLAN} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// The published plans with every price, as the REST API lists them.
pub async fn published_with_prices(pool: &AnyPool) -> Result<Vec<crate::wire::rest::Plan>> {
    let mut plans = Vec::new();
    for row in published_plans(pool).await? {
        let prices = crate::backend::pricing::priced_plan(pool, &row).await?;
        let view = row.view()?;
        plans.push(crate::wire::rest::Plan {
            code: view.code,
            name: view.name,
            product: view.product_name,
            description: view.description,
            currency: view.currency,
            trial_days: view.trial_days,
            included_users: view.included_users,
            modules: view.modules,
            prices,
        });
    }
    Ok(plans)
}
