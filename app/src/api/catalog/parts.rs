//! Server functions for modules and verticals.
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::wire::catalog::parts::PartKind;
use crate::wire::catalog::parts::PartView;

/// Every module or vertical (`kind`: module or vertical).
#[server]
pub async fn list_parts(kind: String) -> Result<Vec<PartView>, AppError> {
    use crate::backend::{catalog::parts, context};
    context::as_operator(None, |st, _| async move {
        parts::list(&st.pool, PartKind::parse(&kind)?).await
    })
    .await
}

#[cfg(feature = "ssr")]
fn page_of(kind: &str) -> &'static str {
    PartKind::parse(kind)
        .map(PartKind::page)
        .unwrap_or("/operator/catalog/modules")
}

/// Creates a module or vertical, unpublished.
#[server]
pub async fn create_part(
    kind: String,
    code: String,
    name: String,
    description: String,
) -> Result<(), AppError> {
    use crate::backend::{catalog::parts, context};
    context::as_operator(Some((page_of(&kind), &[])), |st, _| async move {
        let text = parts::PartText {
            name: &name,
            description: &description,
        };
        parts::create(&st, PartKind::parse(&kind)?, &code, text).await
    })
    .await
}

/// Renames or re-describes a module or vertical.
#[server]
pub async fn update_part(
    kind: String,
    code: String,
    name: String,
    description: String,
) -> Result<(), AppError> {
    use crate::backend::{catalog::parts, context};
    context::as_operator(Some((page_of(&kind), &[])), |st, _| async move {
        let text = parts::PartText {
            name: &name,
            description: &description,
        };
        parts::update(&st, PartKind::parse(&kind)?, &code, text).await
    })
    .await
}

/// Publishes or unpublishes a module or vertical.
#[server]
pub async fn set_part_published(
    kind: String,
    code: String,
    published: bool,
) -> Result<(), AppError> {
    use crate::backend::{catalog::parts, context};
    context::as_operator(Some((page_of(&kind), &[])), |st, _| async move {
        parts::set_published(&st, PartKind::parse(&kind)?, &code, published).await
    })
    .await
}

/// Deletes a module or vertical no product or template uses.
#[server]
pub async fn delete_part(kind: String, code: String) -> Result<(), AppError> {
    use crate::backend::{catalog::parts, context};
    context::as_operator(Some((page_of(&kind), &[])), |st, _| async move {
        parts::delete(&st, PartKind::parse(&kind)?, &code).await
    })
    .await
}
