//! The plan editor: create a draft, then edit one version's terms, periods, resource rates and
//! add-ons. Edits that change what customers pay on a version in use make a new version; each
//! such function returns the id of the version now sold.
use leptos::prelude::*;

use crate::error::AppError;
use crate::wire::catalog::plans::Choice;
use crate::wire::catalog::plans::{AdminPlanDetail, NewPlanForm, PlanTermsForm, RateForm};

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
    use crate::backend::{catalog, context};
    context::as_operator(None, |st, _| async move {
        catalog::plans::products(&st.pool).await
    })
    .await
}

/// Creates a draft plan; returns its id.
#[server]
pub async fn create_plan(form: NewPlanForm) -> Result<i64, AppError> {
    use crate::backend::{catalog, context};
    let result = async { catalog::plans::create(&context::operator().await?.0, &form).await }.await;
    if let (Ok(id), true) = (&result, context::is_plain_form_post()) {
        leptos_axum::redirect(&format!("/operator/catalog/plans/{id}"));
    }
    context::finish(result, Some(("/operator/catalog", &[])))
}

/// One plan version with everything the editor shows.
#[server]
pub async fn admin_plan(plan_id: i64) -> Result<AdminPlanDetail, AppError> {
    use crate::backend::{catalog, context};
    context::as_operator(None, |st, _| async move {
        catalog::plan_detail::plan(&st.pool, plan_id).await
    })
    .await
}

/// Edits name and description in place, and the terms (versioned when in use).
#[server]
pub async fn update_plan_terms(plan_id: i64, form: PlanTermsForm) -> Result<i64, AppError> {
    use crate::backend::{catalog, context};
    let result = async {
        let st = &context::operator().await?.0;
        catalog::plans::update_terms(st, plan_id, &form).await
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
    use crate::backend::catalog::plan_periods::{self, NewPrice};
    use crate::backend::context;
    let result = async {
        let st = &context::operator().await?.0;
        let price = NewPrice {
            months,
            setup: &setup,
            recurring: &recurring,
            renewal: &renewal,
        };
        match op.as_str() {
            "add" => plan_periods::add(st, plan_id, price).await,
            "save" => plan_periods::reprice(st, plan_id, price).await,
            "remove" => plan_periods::remove(st, plan_id, months).await,
            _ => Err(AppError::Invalid("Unknown period action.".into())),
        }
    }
    .await;
    finish_edit(result, plan_id)
}

/// Sets a plan's rate for one resource.
#[server]
pub async fn set_plan_rate(plan_id: i64, form: RateForm) -> Result<i64, AppError> {
    use crate::backend::{catalog, context};
    let result = async {
        let st = &context::operator().await?.0;
        catalog::plan_rates::set(st, plan_id, &form).await
    }
    .await;
    finish_edit(result, plan_id)
}

/// Removes a plan's rate for one resource.
#[server]
pub async fn remove_plan_rate(plan_id: i64, resource: String) -> Result<i64, AppError> {
    use crate::backend::{catalog, context};
    let result = async {
        let st = &context::operator().await?.0;
        catalog::plan_rates::remove(st, plan_id, &resource).await
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
    use crate::backend::{catalog, context};
    let result = async {
        let st = &context::operator().await?.0;
        catalog::addons::attach(st, plan_id, addon_id, max_quantity).await
    }
    .await;
    finish_edit(result, plan_id)
}

/// Detaches an add-on from a plan.
#[server]
pub async fn detach_plan_addon(plan_id: i64, addon_id: i64) -> Result<i64, AppError> {
    use crate::backend::{catalog, context};
    let result = async {
        let st = &context::operator().await?.0;
        catalog::addons::detach(st, plan_id, addon_id).await
    }
    .await;
    finish_edit(result, plan_id)
}
