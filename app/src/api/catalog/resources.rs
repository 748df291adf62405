//! Server functions for resources (users, storage, API calls, or anything the operator defines).
use leptos::prelude::*;

use crate::error::AppError;
use crate::wire::catalog::resources::ResourceView;

#[cfg(feature = "ssr")]
const PAGE: &str = "/operator/catalog/resources";

/// Every resource.
#[server]
pub async fn list_resources() -> Result<Vec<ResourceView>, AppError> {
    use crate::backend::{catalog::resources, context};
    context::as_operator(None, |st, _| async move { resources::list(&st.pool).await }).await
}

/// Creates a resource, unpublished.
#[server]
pub async fn create_resource(code: String, name: String, unit: String) -> Result<(), AppError> {
    use crate::backend::{catalog::resources, context};
    context::as_operator(Some((PAGE, &[])), |st, _| async move {
        resources::create(&st, &code, &name, &unit).await
    })
    .await
}

/// Renames a resource or changes its unit.
#[server]
pub async fn update_resource(code: String, name: String, unit: String) -> Result<(), AppError> {
    use crate::backend::{catalog::resources, context};
    context::as_operator(Some((PAGE, &[])), |st, _| async move {
        resources::update(&st, &code, &name, &unit).await
    })
    .await
}

/// Publishes or unpublishes a resource.
#[server]
pub async fn set_resource_published(code: String, published: bool) -> Result<(), AppError> {
    use crate::backend::{catalog::resources, context};
    context::as_operator(Some((PAGE, &[])), |st, _| async move {
        resources::set_published(&st, &code, published).await
    })
    .await
}

/// Deletes a resource no plan or template uses.
#[server]
pub async fn delete_resource(code: String) -> Result<(), AppError> {
    use crate::backend::{catalog::resources, context};
    context::as_operator(Some((PAGE, &[])), |st, _| async move {
        resources::delete(&st, &code).await
    })
    .await
}
