//! The operator's catalog: plan versions, status changes, re-pricing; the plan editor, add-ons,
//! storefronts and tax rates live in the submodules.
mod addons;
mod plan_editor;
mod plan_forms;
mod storefronts;
mod tax_rates;

pub use addons::*;
pub use plan_editor::*;
pub use plan_forms::*;
pub use storefronts::*;
pub use tax_rates::*;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::PlanStatus;
use crate::error::AppError;

/// Something an operator picks from a list (a product, resource or add-on).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Row id.
    pub id: i64,
    /// Code.
    pub code: String,
    /// Display name.
    pub name: String,
}

/// One billing period's prices as decimals ("49.00").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminPeriodView {
    /// Period length.
    pub months: i64,
    /// Setup fee.
    pub setup: String,
    /// First-period price.
    pub recurring: String,
    /// Renewal price.
    pub renewal: String,
}

/// A plan version as the operator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminPlanView {
    /// Plan id (one per version).
    pub id: i64,
    /// Code; retired versions read `<code>@v<n>`.
    pub code: String,
    /// Name.
    pub name: String,
    /// Version number.
    pub version: i64,
    /// Whether it is on sale.
    pub status: PlanStatus,
    /// Currency.
    pub currency: String,
    /// Live subscriptions bound to this version.
    pub subscribers: i64,
    /// Its priced periods.
    pub periods: Vec<AdminPeriodView>,
}

/// Every plan version.
#[server]
pub async fn admin_plans() -> Result<Vec<AdminPlanView>, AppError> {
    use crate::backend::{catalog_admin, context};
    let result =
        async { catalog_admin::plans::list(&context::operator().await?.0.pool).await }.await;
    context::finish(result, None)
}

/// Publishes, unpublishes (draft) or retires a plan version.
#[server]
pub async fn set_plan_status(plan_id: i64, status: PlanStatus) -> Result<(), AppError> {
    use crate::backend::{catalog_admin, context};
    let result = async {
        catalog_admin::plans::set_status(&context::operator().await?.0, plan_id, status).await
    }
    .await;
    context::finish(result, Some(("/operator/catalog", &[])))
}

/// Deletes a plan nobody ordered.
#[server]
pub async fn delete_plan(plan_id: i64) -> Result<(), AppError> {
    use crate::backend::{catalog_admin, context};
    let result =
        async { catalog_admin::plans::delete(&context::operator().await?.0, plan_id).await }.await;
    context::finish(result, Some(("/operator/catalog", &[])))
}

/// Re-prices one period; a plan in use gets a new version and its subscribers keep their price.
#[server]
pub async fn reprice_plan(
    plan_id: i64,
    months: i64,
    setup: String,
    recurring: String,
    renewal: String,
) -> Result<i64, AppError> {
    use crate::backend::{catalog_admin, context};
    let result = async {
        let (st, _) = context::operator().await?;
        let price = catalog_admin::periods::NewPrice {
            months,
            setup: &setup,
            recurring: &recurring,
            renewal: &renewal,
        };
        catalog_admin::periods::reprice(&st, plan_id, price).await
    }
    .await;
    context::finish(result, Some(("/operator/catalog", &[])))
}
