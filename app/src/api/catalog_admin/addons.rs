//! The add-ons page: create add-ons and edit their names, descriptions and prices.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// An add-on as typed by the operator (code and currency are set once, at creation).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddonForm {
    /// Code.
    #[serde(default)]
    pub code: String,
    /// Name.
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Currency.
    #[serde(default)]
    pub currency: String,
    /// One-off fee ("0.00").
    pub setup: String,
    /// Monthly price per unit.
    pub recurring: String,
}

/// An add-on as the operator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminAddonView {
    /// Id.
    pub id: i64,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Currency.
    pub currency: String,
    /// Setup fee.
    pub setup: String,
    /// Monthly price per unit.
    pub recurring: String,
    /// Codes of the plan versions selling it.
    pub plans: Vec<String>,
    /// Whether customers already pay its price (its prices are then fixed).
    pub in_use: bool,
}

/// Every add-on.
#[server]
pub async fn admin_addons() -> Result<Vec<AdminAddonView>, AppError> {
    use crate::backend::{catalog_admin, context};
    let result =
        async { catalog_admin::addons::list(&context::operator().await?.0.pool).await }.await;
    context::finish(result, None)
}

/// Creates an add-on; returns its id.
#[server]
pub async fn create_addon(form: AddonForm) -> Result<i64, AppError> {
    use crate::backend::{catalog_admin, context};
    let result =
        async { catalog_admin::addons::create(&context::operator().await?.0, &form).await }.await;
    context::finish(result, Some(("/operator/catalog/addons", &[])))
}

/// Edits an add-on; new prices are refused once customers pay the old ones.
#[server]
pub async fn update_addon(addon_id: i64, form: AddonForm) -> Result<(), AppError> {
    use crate::backend::{catalog_admin, context};
    let result = async {
        let st = &context::operator().await?.0;
        catalog_admin::addons::update(st, addon_id, &form).await
    }
    .await;
    context::finish(result, Some(("/operator/catalog/addons", &[])))
}
