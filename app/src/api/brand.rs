//! The brand of the host a page is on (white label).
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::brand::BrandView;

/// The storefront brand an instance's pages wear; none on the platform's own host.
#[server]
pub async fn brand() -> Result<Option<BrandView>, AppError> {
    use crate::backend::{brand, context};
    let st = context::state()?;
    brand::of_host(&st, &context::host_kind()?).await
}
