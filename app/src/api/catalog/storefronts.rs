//! The storefronts page: each storefront's identity, currency, default flag and plans.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::catalog::storefronts::{
    AdminStorefrontView, StorefrontForm, StorefrontPlanChoice,
};

/// Every storefront.
#[server]
pub async fn admin_storefronts() -> Result<Vec<AdminStorefrontView>, AppError> {
    use crate::backend::{catalog, context};
    let result =
        async { catalog::storefronts::list(&context::operator().await?.0.pool).await }.await;
    context::finish(result, None)
}

/// Creates a storefront; returns its id.
#[server]
pub async fn create_storefront(form: StorefrontForm) -> Result<i64, AppError> {
    use crate::backend::{catalog, context};
    let result =
        async { catalog::storefronts::create(&context::operator().await?.0, &form).await }.await;
    context::finish(result, Some(("/operator/storefronts", &[])))
}

/// Edits a storefront.
#[server]
pub async fn update_storefront(storefront_id: i64, form: StorefrontForm) -> Result<(), AppError> {
    use crate::backend::{catalog, context};
    let result = async {
        let st = &context::operator().await?.0;
        catalog::storefronts::update(st, storefront_id, &form).await
    }
    .await;
    context::finish(result, Some(("/operator/storefronts", &[])))
}

/// Publishes (`op` = "publish") or withdraws ("withdraw") a plan on a storefront.
#[server]
pub async fn set_storefront_plan(
    storefront_id: i64,
    plan_id: i64,
    op: String,
) -> Result<(), AppError> {
    use crate::backend::{catalog, context};
    let result = async {
        let st = &context::operator().await?.0;
        let publish = match op.as_str() {
            "publish" => true,
            "withdraw" => false,
            _ => return Err(AppError::Invalid("Publish or withdraw a plan.".into())),
        };
        catalog::storefronts::set_plan(st, storefront_id, plan_id, publish).await
    }
    .await;
    context::finish(result, Some(("/operator/storefronts", &[])))
}
