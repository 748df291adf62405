//! The plan editor: create a draft, then edit one version's terms, periods, resource rates and
//! add-ons. Edits that change what customers pay on a version in use make a new version; each
//! such function returns the id of the version now sold.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{AdminPeriodView, Choice};
use crate::error::AppError;

/// A new plan as typed by the operator; it starts as a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPlanForm {
    /// Code used in URLs.
    pub code: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Product code.
    pub product: String,
    /// Currency (fixed for the plan's life).
    pub currency: String,
    /// Users included.
    pub included_users: i64,
    /// Trial length in days (0: no trial).
    pub trial_days: i64,
    /// suspend or archive.
    pub trial_end_action: String,
}

/// A version's name, description and terms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanTermsForm {
    /// Name (changes in place).
    pub name: String,
    /// Description (changes in place).
    pub description: String,
    /// Users included.
    pub included_users: i64,
    /// Trial length in days (0: no trial).
    pub trial_days: i64,
    /// suspend or archive.
    pub trial_end_action: String,
}

/// A resource rate as typed by the operator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateForm {
    /// Resource code.
    pub resource: String,
    /// Units included in the price.
    pub included: i64,
    /// Most units a subscription may have.
    pub hard_limit: i64,
    /// One-off fee per extra unit ("0.00").
    pub setup: String,
    /// Monthly fee per extra unit.
    pub recurring: String,
    /// Price per unit used beyond what was bought.
    pub overage: String,
}

/// One resource rate of a plan version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminRateView {
    /// Resource code.
    pub resource: String,
    /// Resource name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Units included.
    pub included: i64,
    /// Hard limit.
    pub hard_limit: i64,
    /// Setup fee per unit.
    pub setup: String,
    /// Monthly fee per unit.
    pub recurring: String,
    /// Overage per unit.
    pub overage: String,
}

/// An add-on sold with a plan version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminPlanAddonView {
    /// Add-on id.
    pub id: i64,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Setup fee.
    pub setup: String,
    /// Monthly price per unit.
    pub recurring: String,
    /// Most one order may take.
    pub max_quantity: i64,
}

/// Everything about one plan version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminPlanDetail {
    /// Id of this version.
    pub id: i64,
    /// Code (`<code>@v<n>` once retired).
    pub code: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Product name.
    pub product: String,
    /// Currency.
    pub currency: String,
    /// Version number.
    pub version: i64,
    /// draft, published or retired.
    pub status: String,
    /// Users included.
    pub included_users: i64,
    /// Trial days (0: no trial).
    pub trial_days: i64,
    /// suspend or archive.
    pub trial_end_action: String,
    /// Whether it has orders or subscribers (price edits then make a new version).
    pub in_use: bool,
    /// Live subscriptions.
    pub subscribers: i64,
    /// The version now sold under the same code, if any.
    pub current_id: Option<i64>,
    /// Priced periods.
    pub periods: Vec<AdminPeriodView>,
    /// Resource rates.
    pub rates: Vec<AdminRateView>,
    /// Add-ons sold with it.
    pub addons: Vec<AdminPlanAddonView>,
    /// Every resource (for the rate form).
    pub resources: Vec<Choice>,
    /// Add-ons in its currency not yet attached.
    pub addable_addons: Vec<Choice>,
    /// Names of the storefronts publishing it.
    pub storefronts: Vec<String>,
}

/// Finishes an edit that may have made a new version: a plain form post goes to that version's
/// page on success and back to the edited one with the message on failure.
#[cfg(feature = "ssr")]
fn finish_edit(result: Result<i64, AppError>, plan_id: i64) -> Result<i64, AppError> {
    use crate::backend::context;
    if let (Ok(id), true) = (&result, context::is_plain_form_post()) {
        leptos_axum::redirect(&format!("/operator/catalog/plans/{id}"));
    }
    let back = format!("/operator/catalog/plans/{plan_id}");
    context::finish(result, Some((&back, &[])))
}

/// Products a new plan may belong to.
#[server]
pub async fn admin_products() -> Result<Vec<Choice>, AppError> {
    use crate::backend::{catalog_admin, context};
    let result =
        async { catalog_admin::plans::products(&context::operator().await?.0.pool).await }.await;
    context::finish(result, None)
}

/// Creates a draft plan; returns its id.
#[server]
pub async fn create_plan(form: NewPlanForm) -> Result<i64, AppError> {
    use crate::backend::{catalog_admin, context};
    let result =
        async { catalog_admin::plans::create(&context::operator().await?.0.pool, &form).await }
            .await;
    if let (Ok(id), true) = (&result, context::is_plain_form_post()) {
        leptos_axum::redirect(&format!("/operator/catalog/plans/{id}"));
    }
    context::finish(result, Some(("/operator/catalog", &[])))
}

/// One plan version with everything the editor shows.
#[server]
pub async fn admin_plan(plan_id: i64) -> Result<AdminPlanDetail, AppError> {
    use crate::backend::{catalog_admin, context};
    let result =
        async { catalog_admin::detail::plan(&context::operator().await?.0.pool, plan_id).await }
            .await;
    context::finish(result, None)
}

/// Edits name and description in place, and the terms (versioned when in use).
#[server]
pub async fn update_plan_terms(plan_id: i64, form: PlanTermsForm) -> Result<i64, AppError> {
    use crate::backend::{catalog_admin, context};
    let result = async {
        let pool = &context::operator().await?.0.pool;
        catalog_admin::plans::update_terms(pool, plan_id, &form).await
    }
    .await;
    finish_edit(result, plan_id)
}

/// Adds, re-prices (`op` = "add" or "save") or removes ("remove") a billing period.
#[server]
pub async fn edit_plan_period(
    plan_id: i64,
    op: String,
    months: i64,
    #[server(default)] setup: String,
    #[server(default)] recurring: String,
    #[server(default)] renewal: String,
) -> Result<i64, AppError> {
    use crate::backend::catalog_admin::periods::{self, NewPrice};
    use crate::backend::context;
    let result = async {
        let pool = &context::operator().await?.0.pool;
        let price = NewPrice {
            months,
            setup: &setup,
            recurring: &recurring,
            renewal: &renewal,
        };
        match op.as_str() {
            "add" => periods::add(pool, plan_id, price).await,
            "save" => periods::reprice(pool, plan_id, price).await,
            "remove" => periods::remove(pool, plan_id, months).await,
            _ => Err(AppError::Invalid("Unknown period action.".into())),
        }
    }
    .await;
    finish_edit(result, plan_id)
}

/// Sets a plan's rate for one resource.
#[server]
pub async fn set_plan_rate(plan_id: i64, form: RateForm) -> Result<i64, AppError> {
    use crate::backend::{catalog_admin, context};
    let result = async {
        let pool = &context::operator().await?.0.pool;
        catalog_admin::rates::set(pool, plan_id, &form).await
    }
    .await;
    finish_edit(result, plan_id)
}

/// Removes a plan's rate for one resource.
#[server]
pub async fn remove_plan_rate(plan_id: i64, resource: String) -> Result<i64, AppError> {
    use crate::backend::{catalog_admin, context};
    let result = async {
        let pool = &context::operator().await?.0.pool;
        catalog_admin::rates::remove(pool, plan_id, &resource).await
    }
    .await;
    finish_edit(result, plan_id)
}

/// Attaches an add-on to a plan (or changes its maximum quantity).
#[server]
pub async fn attach_plan_addon(
    plan_id: i64,
    addon_id: i64,
    max_quantity: i64,
) -> Result<i64, AppError> {
    use crate::backend::{catalog_admin, context};
    let result = async {
        let pool = &context::operator().await?.0.pool;
        catalog_admin::addons::attach(pool, plan_id, addon_id, max_quantity).await
    }
    .await;
    finish_edit(result, plan_id)
}

/// Detaches an add-on from a plan.
#[server]
pub async fn detach_plan_addon(plan_id: i64, addon_id: i64) -> Result<i64, AppError> {
    use crate::backend::{catalog_admin, context};
    let result = async {
        let pool = &context::operator().await?.0.pool;
        catalog_admin::addons::detach(pool, plan_id, addon_id).await
    }
    .await;
    finish_edit(result, plan_id)
}
