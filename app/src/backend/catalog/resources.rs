//! Resources (users, storage GB, API calls...): create, edit, publish, and delete when unused.
use sqlx::AnyPool;

use super::{codes, id_of, insert_draft, name, update_by_code, Field};
use crate::backend::state::AppState;
use crate::backend::storefront_cache::commit_edit;
use crate::domain::{CatalogCode, RequiredText};
use crate::error::{AppError, Result};
use crate::wire::catalog::resources::ResourceView;

fn unit(value: &str) -> Result<String> {
    Ok(RequiredText::parse("Unit", value, 40)?.into_string())
}

/// Every resource with how many plan rates and templates use it.
pub async fn list(pool: &AnyPool) -> Result<Vec<ResourceView>> {
    let rows: Vec<(String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT r.code, r.name, r.unit, r.published, \
         (SELECT COUNT(*) FROM plan_resource_rates x WHERE x.resource_id = r.id) + \
         (SELECT COUNT(*) FROM template_resources t WHERE t.resource_id = r.id) \
         FROM resources r ORDER BY r.code",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(code, name, unit, published, used_by)| ResourceView {
            code,
            name,
            unit,
            published: published == 1,
            used_by,
        })
        .collect())
}

/// Creates an unpublished resource.
pub async fn create(st: &AppState, code: &str, name_: &str, unit_: &str) -> Result<()> {
    let code = CatalogCode::parse("Resource code", code)?;
    let (name, unit) = (name(name_)?, unit(unit_)?);
    let fields = [("name", Field::Text(&name)), ("unit", Field::Text(&unit))];
    insert_draft(st, "resources", "resource", code.as_str(), &fields).await
}

/// Changes a resource's name and unit.
pub async fn update(st: &AppState, code: &str, name_: &str, unit_: &str) -> Result<()> {
    let (name, unit) = (name(name_)?, unit(unit_)?);
    let fields = [("name", Field::Text(&name)), ("unit", Field::Text(&unit))];
    update_by_code(st, "resources", code, &fields).await
}

/// Publishes or unpublishes a resource; unpublished ones cannot be added to templates.
pub async fn set_published(st: &AppState, code: &str, on: bool) -> Result<()> {
    super::set_published(st, "resources", code, on).await
}

/// Deletes a resource that no plan rate or template uses.
pub async fn delete(st: &AppState, code: &str) -> Result<()> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let id = id_of(&mut tx, "resources", code).await?;
    let mut users = codes(
        &mut tx,
        "SELECT 'plan ' || p.code FROM plan_resource_rates x JOIN plans p ON p.id = x.plan_id WHERE x.resource_id = $1 ORDER BY p.code",
        id,
    )
    .await?;
    users.extend(codes(
        &mut tx,
        "SELECT 'template ' || t.code FROM template_resources x JOIN service_templates t ON t.id = x.template_id WHERE x.resource_id = $1 ORDER BY t.code",
        id,
    )
    .await?);
    if !users.is_empty() {
        return Err(AppError::Conflict(format!(
            "Resource {code} is in use ({}); remove it there first.",
            users.join(", ")
        )));
    }
    sqlx::query("DELETE FROM resources WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    commit_edit(st, tx).await?;
    Ok(())
}
