//! The add-ons page: create add-ons and edit their names, descriptions and prices.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::catalog::addons::{AddonForm, AdminAddonView};

/// Every add-on.
#[server]
pub async fn admin_addons() -> Result<Vec<AdminAddonView>, AppError> {
    use crate::backend::{catalog, context};
    context::as_operator(None, |st, _| async move {
        catalog::addons::list(&st.pool).await
    })
    .await
}

/// Creates an add-on; returns its id.
#[server]
pub async fn create_addon(form: AddonForm) -> Result<i64, AppError> {
    use crate::backend::{catalog, context};
    context::as_operator(
        Some(("/operator/catalog/addons", &[])),
        |st, _| async move { catalog::addons::create(&st, &form).await },
    )
    .await
}

/// Edits an add-on; new prices are refused once customers pay the old ones.
#[server]
pub async fn update_addon(addon_id: i64, form: AddonForm) -> Result<(), AppError> {
    use crate::backend::{catalog, context};
    context::as_operator(
        Some(("/operator/catalog/addons", &[])),
        |st, _| async move {
            let st = &st;
            catalog::addons::update(st, addon_id, &form).await
        },
    )
    .await
}
