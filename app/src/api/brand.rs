//! The brand of the host a page is on (white label).
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::brand::BrandView;

/// The storefront brand an instance's pages wear; none on the platform's own host. The server's
/// brand middleware has looked it up for this request already.
#[server]
pub async fn brand() -> Result<Option<BrandView>, AppError> {
    Ok(crate::backend::context::request_brand())
}
