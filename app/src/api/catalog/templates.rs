//! Server functions for service templates: what a new instance of a plan gets.
use leptos::prelude::*;

use crate::error::AppError;
use crate::wire::catalog::templates::{TemplateSummary, TemplateView};

#[cfg(feature = "ssr")]
const LIST: &str = "/operator/catalog/templates";

/// The template's edit page, or the list when the code could not be part of an address.
#[cfg(feature = "ssr")]
fn edit_page(template: &str) -> String {
    let safe = !template.is_empty()
        && template
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if safe {
        format!("{LIST}/{template}")
    } else {
        LIST.to_string()
    }
}

/// Every template.
#[server]
pub async fn list_templates() -> Result<Vec<TemplateSummary>, AppError> {
    use crate::backend::{catalog::templates, context};
    context::as_operator(None, |st, _| async move { templates::list(&st.pool).await }).await
}

/// One template with its modules, resources, settings and plans.
#[server]
pub async fn template_detail(template: String) -> Result<TemplateView, AppError> {
    use crate::backend::{catalog::templates, context};
    context::as_operator(None, |st, _| async move {
        templates::detail(&st.pool, &template).await
    })
    .await
}

/// Creates a template, unpublished.
#[server]
pub async fn create_template(code: String, name: String, demo_data: bool) -> Result<(), AppError> {
    use crate::backend::{catalog::templates, context};
    context::as_operator(Some((LIST, &[])), |st, _| async move {
        templates::create(&st, &code, &name, demo_data).await
    })
    .await
}

/// Renames a template or changes whether it loads demo data.
#[server]
pub async fn update_template(
    template: String,
    name: String,
    demo_data: bool,
) -> Result<(), AppError> {
    use crate::backend::{catalog::templates, context};
    context::as_operator(Some((&edit_page(&template), &[])), |st, _| async move {
        templates::update(&st, &template, &name, demo_data).await
    })
    .await
}

/// Publishes or unpublishes a template.
#[server]
pub async fn set_template_published(template: String, published: bool) -> Result<(), AppError> {
    use crate::backend::{catalog::templates, context};
    context::as_operator(Some((LIST, &[])), |st, _| async move {
        templates::set_published(&st, &template, published).await
    })
    .await
}

/// Deletes a template no plan is bound to.
#[server]
pub async fn delete_template(template: String) -> Result<(), AppError> {
    use crate::backend::{catalog::templates, context};
    context::as_operator(Some((LIST, &[])), |st, _| async move {
        templates::delete(&st, &template).await
    })
    .await
}

/// Adds a published module to a template.
#[server]
pub async fn add_template_module(template: String, module: String) -> Result<(), AppError> {
    use crate::backend::{catalog::template_items, context};
    context::as_operator(Some((&edit_page(&template), &[])), |st, _| async move {
        template_items::add_module(&st, &template, &module).await
    })
    .await
}

/// Removes a module from a template.
#[server]
pub async fn remove_template_module(template: String, module: String) -> Result<(), AppError> {
    use crate::backend::{catalog::template_items, context};
    context::as_operator(Some((&edit_page(&template), &[])), |st, _| async move {
        template_items::remove_module(&st, &template, &module).await
    })
    .await
}

/// Adds a resource to a template or changes its included amount and hard limit.
#[server]
pub async fn set_template_resource(
    template: String,
    resource: String,
    included: i64,
    hard_limit: i64,
) -> Result<(), AppError> {
    use crate::backend::{catalog::template_items, context};
    context::as_operator(Some((&edit_page(&template), &[])), |st, _| async move {
        let allowance = template_items::Allowance {
            included,
            hard_limit,
        };
        template_items::set_resource(&st, &template, &resource, allowance).await
    })
    .await
}

/// Removes a resource from a template.
#[server]
pub async fn remove_template_resource(template: String, resource: String) -> Result<(), AppError> {
    use crate::backend::{catalog::template_items, context};
    context::as_operator(Some((&edit_page(&template), &[])), |st, _| async move {
        template_items::remove_resource(&st, &template, &resource).await
    })
    .await
}

/// Sets a default setting written into each new instance.
#[server]
pub async fn set_template_setting(
    template: String,
    key: String,
    value: String,
) -> Result<(), AppError> {
    use crate::backend::{catalog::template_items, context};
    context::as_operator(Some((&edit_page(&template), &[])), |st, _| async move {
        template_items::set_setting(&st, &template, &key, &value).await
    })
    .await
}

/// Removes a default setting.
#[server]
pub async fn remove_template_setting(template: String, key: String) -> Result<(), AppError> {
    use crate::backend::{catalog::template_items, context};
    context::as_operator(Some((&edit_page(&template), &[])), |st, _| async move {
        template_items::remove_setting(&st, &template, &key).await
    })
    .await
}

/// Binds a plan (by code) to this published template: its new instances are provisioned from it.
#[server]
pub async fn bind_plan_template(template: String, plan: String) -> Result<(), AppError> {
    use crate::backend::{catalog::template_items, context};
    context::as_operator(Some((&edit_page(&template), &[])), |st, _| async move {
        template_items::bind_plan(&st, &template, &plan).await
    })
    .await
}
