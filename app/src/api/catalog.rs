//! The storefront's catalog: published plans.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::catalog::{PlanView, StorefrontView};

/// A storefront (the default one for an empty code) and its plans.
#[server]
pub async fn storefront_catalog(code: String) -> Result<StorefrontView, AppError> {
    use crate::backend::{context, storefronts};
    let result = async {
        let st = context::state()?;
        let sf = storefronts::by_code(&st.pool, &code).await?;
        let plans = storefronts::plans(&st.pool, sf.id).await?;
        sf.view(&plans)
    }
    .await;
    context::finish(result, None)
}
