//! The operator's catalog: plan versions, status changes, re-pricing; the plan editor, add-ons,
//! storefronts and tax rates live in the submodules.

use leptos::prelude::*;

use crate::domain::PlanStatus;
use crate::error::AppError;
pub use crate::wire::catalog::plans::{AdminPeriodView, AdminPlanView, Choice};

/// Every plan version.
#[server]
pub async fn admin_plans() -> Result<Vec<AdminPlanView>, AppError> {
    use crate::backend::{catalog, context};
    let result = async { catalog::plans::list(&context::operator().await?.0.pool).await }.await;
    context::finish(result, None)
}

/// Publishes, unpublishes (draft) or retires a plan version.
#[server]
pub async fn set_plan_status(plan_id: i64, status: PlanStatus) -> Result<(), AppError> {
    use crate::backend::{catalog, context};
    let result =
        async { catalog::plans::set_status(&context::operator().await?.0, plan_id, status).await }
            .await;
    context::finish(result, Some(("/operator/catalog", &[])))
}

/// Deletes a plan nobody ordered.
#[server]
pub async fn delete_plan(plan_id: i64) -> Result<(), AppError> {
    use crate::backend::{catalog, context};
    let result =
        async { catalog::plans::delete(&context::operator().await?.0, plan_id).await }.await;
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
    use crate::backend::{catalog, context};
    let result = async {
        let (st, _) = context::operator().await?;
        let price = catalog::plan_periods::NewPrice {
            months,
            setup: &setup,
            recurring: &recurring,
            renewal: &renewal,
        };
        catalog::plan_periods::reprice(&st, plan_id, price).await
    }
    .await;
    context::finish(result, Some(("/operator/catalog", &[])))
}
