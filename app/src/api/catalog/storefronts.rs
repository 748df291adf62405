//! The storefronts page: each storefront's identity, currency, default flag and plans.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::catalog::storefront_billing::StorefrontBillingForm;
pub use crate::wire::catalog::storefronts::{
    AdminStorefrontView, StorefrontForm, StorefrontPlanChoice,
};

/// Every storefront.
#[server]
pub async fn admin_storefronts() -> Result<Vec<AdminStorefrontView>, AppError> {
    use crate::backend::{catalog, context};
    context::as_operator(None, |st, _| async move {
        catalog::storefronts::list(&st.pool).await
    })
    .await
}

/// Creates a storefront; returns its id.
#[server]
pub async fn create_storefront(form: StorefrontForm) -> Result<i64, AppError> {
    use crate::backend::{catalog, context};
    context::as_operator(Some(("/operator/storefronts", &[])), |st, _| async move {
        catalog::storefronts::create(&st, &form).await
    })
    .await
}

/// Edits a storefront.
#[server]
pub async fn update_storefront(storefront_id: i64, form: StorefrontForm) -> Result<(), AppError> {
    use crate::backend::{catalog, context};
    context::as_operator(Some(("/operator/storefronts", &[])), |st, _| async move {
        catalog::storefronts::update(&st, storefront_id, &form).await
    })
    .await
}

/// Saves a storefront's seller block, bank account and test mode.
#[server]
pub async fn update_storefront_billing(
    storefront_id: i64,
    form: StorefrontBillingForm,
) -> Result<(), AppError> {
    use crate::backend::{catalog, context};
    context::as_operator(Some(("/operator/storefronts", &[])), |st, _| async move {
        catalog::storefront_billing::update(&st, storefront_id, &form).await
    })
    .await
}

/// Publishes (`op` = "publish") or withdraws ("withdraw") a plan on a storefront.
#[server]
pub async fn set_storefront_plan(
    storefront_id: i64,
    plan_id: i64,
    op: String,
) -> Result<(), AppError> {
    use crate::backend::{catalog, context};
    context::as_operator(Some(("/operator/storefronts", &[])), |st, _| async move {
        let publish = match op.as_str() {
            "publish" => true,
            "withdraw" => false,
            _ => return Err(AppError::Invalid("Publish or withdraw a plan.".into())),
        };
        catalog::storefronts::set_plan(&st, storefront_id, plan_id, publish).await
    })
    .await
}
