//! The storefront's catalog: published plans.
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
