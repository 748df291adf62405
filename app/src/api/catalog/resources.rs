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
    let result = async { resources::list(&context::operator().await?.0.pool).await }.await;
    context::finish(result, None)
}

/// Creates a resource, unpublished.
#[server]
pub async fn create_resource(code: String, name: String, unit: String) -> Result<(), AppError> {
    use crate::backend::{catalog::resources, context};
    let result = async {
        let (st, _) = context::operator().await?;
        resources::create(&st, &code, &name, &unit).await
    }
    .await;
    context::finish(result, Some((PAGE, &[])))
}

/// Renames a resource or changes its unit.
#[server]
pub async fn update_resource(code: String, name: String, unit: String) -> Result<(), AppError> {
    use crate::backend::{catalog::resources, context};
    let result = async {
        let (st, _) = context::operator().await?;
        resources::update(&st, &code, &name, &unit).await
    }
    .await;
    context::finish(result, Some((PAGE, &[])))
}

/// Publishes or unpublishes a resource.
#[server]
pub async fn set_resource_published(code: String, published: bool) -> Result<(), AppError> {
    use crate::backend::{catalog::resources, context};
    let result = async {
        let (st, _) = context::operator().await?;
        resources::set_published(&st, &code, published).await
    }
    .await;
    context::finish(result, Some((PAGE, &[])))
}

/// Deletes a resource no plan or template uses.
#[server]
pub async fn delete_resource(code: String) -> Result<(), AppError> {
    use crate::backend::{catalog::resources, context};
    let result = async {
        let (st, _) = context::operator().await?;
        resources::delete(&st, &code).await
    }
    .await;
    context::finish(result, Some((PAGE, &[])))
}
