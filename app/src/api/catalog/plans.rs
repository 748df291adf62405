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
    context::as_operator(
        None,
        |st, _| async move { catalog::plans::list(&st.pool).await },
    )
    .await
}

/// Publishes, unpublishes (draft) or retires a plan version.
#[server]
pub async fn set_plan_status(plan_id: i64, status: PlanStatus) -> Result<(), AppError> {
    use crate::backend::{catalog, context};
    context::as_operator(Some(("/operator/catalog", &[])), |st, _| async move {
        catalog::plans::set_status(&st, plan_id, status).await
    })
    .await
}

/// Deletes a plan nobody ordered.
#[server]
pub async fn delete_plan(plan_id: i64) -> Result<(), AppError> {
    use crate::backend::{catalog, context};
    context::as_operator(Some(("/operator/catalog", &[])), |st, _| async move {
        catalog::plans::delete(&st, plan_id).await
    })
    .await
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
    context::as_operator(Some(("/operator/catalog", &[])), |st, _| async move {
        let price = catalog::plan_periods::NewPrice {
            months,
            setup: &setup,
            recurring: &recurring,
            renewal: &renewal,
        };
        catalog::plan_periods::reprice(&st, plan_id, price).await
    })
    .await
}
