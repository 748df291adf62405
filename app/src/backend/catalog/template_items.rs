//! What a template bundles: modules, resource allowances, default settings; and binding plans.

use super::{find, id_of, published_id};
use crate::backend::state::AppState;
use crate::backend::storefront_cache::commit_edit;
use crate::domain::catalog_code::{check_allowance, check_setting_value, parse_setting_key};
use crate::error::{AppError, Result};

/// A resource's included amount and hard limit in a template.
pub struct Allowance {
    /// Amount included in the price.
    pub included: i64,
    /// Most that may be used.
    pub hard_limit: i64,
}

/// Adds a published module to a template (adding it twice changes nothing).
pub async fn add_module(st: &AppState, template: &str, module: &str) -> Result<()> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let template_id = id_of(&mut tx, "service_templates", template).await?;
    let module_id = published_id(&mut tx, "modules", "module", module).await?;
    sqlx::query(
        "INSERT INTO template_modules (template_id, module_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(template_id)
    .bind(module_id)
    .execute(&mut *tx)
    .await?;
    commit_edit(st, tx).await?;
    Ok(())
}

/// Removes a module from a template.
pub async fn remove_module(st: &AppState, template: &str, module: &str) -> Result<()> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let template_id = id_of(&mut tx, "service_templates", template).await?;
    let gone = sqlx::query(
        "DELETE FROM template_modules WHERE template_id = $1 AND module_id = (SELECT id FROM modules WHERE code = $2)",
    )
    .bind(template_id)
    .bind(module)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if gone == 0 {
        return Err(AppError::Invalid(format!(
            "Module {module} is not in template {template}."
        )));
    }
    commit_edit(st, tx).await?;
    Ok(())
}

/// Adds a resource to a template or changes its allowance. A resource that is no longer
/// published keeps its allowance editable but cannot be newly added.
pub async fn set_resource(
    st: &AppState,
    template: &str,
    resource: &str,
    allowance: Allowance,
) -> Result<()> {
    check_allowance(allowance.included, allowance.hard_limit)?;
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let template_id = id_of(&mut tx, "service_templates", template).await?;
    let (resource_id, published) = find(&mut tx, "resources", "resource", resource).await?;
    let updated = sqlx::query(
        "UPDATE template_resources SET included = $1, hard_limit = $2 WHERE template_id = $3 AND resource_id = $4",
    )
    .bind(allowance.included)
    .bind(allowance.hard_limit)
    .bind(template_id)
    .bind(resource_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated == 0 {
        if !published {
            return Err(AppError::Conflict(format!(
                "The resource {resource} is not published; publish it first."
            )));
        }
        sqlx::query(
            "INSERT INTO template_resources (template_id, resource_id, included, hard_limit) VALUES ($1, $2, $3, $4)",
        )
        .bind(template_id)
        .bind(resource_id)
        .bind(allowance.included)
        .bind(allowance.hard_limit)
        .execute(&mut *tx)
        .await?;
    }
    commit_edit(st, tx).await?;
    Ok(())
}

/// Removes a resource from a template.
pub async fn remove_resource(st: &AppState, template: &str, resource: &str) -> Result<()> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let template_id = id_of(&mut tx, "service_templates", template).await?;
    let gone = sqlx::query(
        "DELETE FROM template_resources WHERE template_id = $1 AND resource_id = (SELECT id FROM resources WHERE code = $2)",
    )
    .bind(template_id)
    .bind(resource)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if gone == 0 {
        return Err(AppError::Invalid(format!(
            "Resource {resource} is not in template {template}."
        )));
    }
    commit_edit(st, tx).await?;
    Ok(())
}

/// Sets a default setting of a template (replacing the value of the same key).
pub async fn set_setting(st: &AppState, template: &str, key: &str, value: &str) -> Result<()> {
    let key = parse_setting_key(key)?;
    let value = value.trim();
    check_setting_value(value)?;
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let template_id = id_of(&mut tx, "service_templates", template).await?;
    sqlx::query(
        "INSERT INTO template_settings (template_id, key, value) VALUES ($1, $2, $3) \
         ON CONFLICT (template_id, key) DO UPDATE SET value = excluded.value",
    )
    .bind(template_id)
    .bind(&key)
    .bind(value)
    .execute(&mut *tx)
    .await?;
    commit_edit(st, tx).await?;
    Ok(())
}

/// Removes a default setting from a template.
pub async fn remove_setting(st: &AppState, template: &str, key: &str) -> Result<()> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let template_id = id_of(&mut tx, "service_templates", template).await?;
    let gone = sqlx::query("DELETE FROM template_settings WHERE template_id = $1 AND key = $2")
        .bind(template_id)
        .bind(key)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if gone == 0 {
        return Err(AppError::Invalid(format!(
            "Template {template} has no setting {key}."
        )));
    }
    commit_edit(st, tx).await?;
    Ok(())
}

/// Binds a plan that is still sold to a published template; its next instances follow it.
pub async fn bind_plan(st: &AppState, template: &str, plan: &str) -> Result<()> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let template_id = published_id(&mut tx, "service_templates", "template", template).await?;
    let (plan_id, status): (i64, String) =
        sqlx::query_as("SELECT id, status FROM plans WHERE code = $1")
            .bind(plan)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| AppError::Invalid(format!("There is no plan with code {plan}.")))?;
    if status == "retired" {
        return Err(AppError::Conflict(format!(
            "Plan {plan} is retired; its subscribers keep what they were provisioned with."
        )));
    }
    sqlx::query("UPDATE plans SET template_id = $1 WHERE id = $2")
        .bind(template_id)
        .bind(plan_id)
        .execute(&mut *tx)
        .await?;
    commit_edit(st, tx).await?;
    Ok(())
}
