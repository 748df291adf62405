//! Server functions for products and the modules and verticals they bundle.
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::wire::catalog::parts::PartKind;
use crate::wire::catalog::products::ProductsView;

#[cfg(feature = "ssr")]
const PAGE: &str = "/operator/catalog/products";

/// Every product with its parts, and the parts that may be attached.
#[server]
pub async fn list_products() -> Result<ProductsView, AppError> {
    use crate::backend::{catalog::products, context};
    context::as_operator(None, |st, _| async move { products::list(&st.pool).await }).await
}

/// Creates a product, unpublished.
#[server]
pub async fn create_product(
    code: String,
    name: String,
    description: String,
) -> Result<(), AppError> {
    use crate::backend::{catalog::products, context};
    context::as_operator(Some((PAGE, &[])), |st, _| async move {
        products::create(&st, &code, &name, &description).await
    })
    .await
}

/// Renames or re-describes a product.
#[server]
pub async fn update_product(
    code: String,
    name: String,
    description: String,
) -> Result<(), AppError> {
    use crate::backend::{catalog::products, context};
    context::as_operator(Some((PAGE, &[])), |st, _| async move {
        products::update(&st, &code, &name, &description).await
    })
    .await
}

/// Publishes or unpublishes a product.
#[server]
pub async fn set_product_published(code: String, published: bool) -> Result<(), AppError> {
    use crate::backend::{catalog::products, context};
    context::as_operator(Some((PAGE, &[])), |st, _| async move {
        products::set_published(&st, &code, published).await
    })
    .await
}

/// Deletes a product that has no plans.
#[server]
pub async fn delete_product(code: String) -> Result<(), AppError> {
    use crate::backend::{catalog::products, context};
    context::as_operator(Some((PAGE, &[])), |st, _| async move {
        products::delete(&st, &code).await
    })
    .await
}

/// Adds a published module or vertical (`kind`) to a product.
#[server]
pub async fn attach_part(product: String, kind: String, part: String) -> Result<(), AppError> {
    use crate::backend::{catalog::products, context};
    context::as_operator(Some((PAGE, &[])), |st, _| async move {
        products::attach(&st, &product, PartKind::parse(&kind)?, &part).await
    })
    .await
}

/// Removes a module or vertical (`kind`) from a product.
#[server]
pub async fn detach_part(product: String, kind: String, part: String) -> Result<(), AppError> {
    use crate::backend::{catalog::products, context};
    context::as_operator(Some((PAGE, &[])), |st, _| async move {
        products::detach(&st, &product, PartKind::parse(&kind)?, &part).await
    })
    .await
}
