//! The catalog: what a storefront shows, and the operator's editors for it, one module per thing
//! edited (plans, add-ons, storefronts, tax rates, products, modules and verticals, resources,
//! service templates).
pub mod addons;
pub mod parts;
pub mod plan_editor;
pub mod plans;
pub mod products;
pub mod resources;
pub mod storefronts;
pub mod tax_rates;
pub mod templates;

use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::catalog::{PlanView, StorefrontView};

/// A storefront (the default one for an empty code) and its plans.
#[server]
pub async fn storefront_catalog(code: String) -> Result<StorefrontView, AppError> {
    use crate::backend::context;
    let result = async {
        let st = context::state()?;
        st.storefront_cache.storefront(&st.pool, &code).await
    }
    .await;
    context::finish(result, None)
}
