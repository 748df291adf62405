//! The add-ons page: create add-ons and edit their names, descriptions and prices.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::catalog::addons::{AddonForm, AdminAddonView};

/// Every add-on.
#[server]
pub async fn admin_addons() -> Result<Vec<AdminAddonView>, AppError> {
    use crate::backend::{catalog, context};
    let result = async { catalog::addons::list(&context::operator().await?.0.pool).await }.await;
    context::finish(result, None)
}

/// Creates an add-on; returns its id.
#[server]
pub async fn create_addon(form: AddonForm) -> Result<i64, AppError> {
    use crate::backend::{catalog, context};
    let result =
        async { catalog::addons::create(&context::operator().await?.0, &form).await }.await;
    context::finish(result, Some(("/operator/catalog/addons", &[])))
}

/// Edits an add-on; new prices are refused once customers pay the old ones.
#[server]
pub async fn update_addon(addon_id: i64, form: AddonForm) -> Result<(), AppError> {
    use crate::backend::{catalog, context};
    let result = async {
        let st = &context::operator().await?.0;
        catalog::addons::update(st, addon_id, &form).await
    }
    .await;
    context::finish(result, Some(("/operator/catalog/addons", &[])))
}
