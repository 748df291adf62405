//! Modules and verticals: create, edit, publish, and delete when nothing uses them.
use sqlx::AnyPool;

use super::{codes, description, id_of, insert_draft, name, update_by_code, Field};
use crate::backend::state::AppState;
use crate::backend::storefront_cache::commit_edit;
use crate::domain::CatalogCode;
use crate::error::{AppError, Result};
use crate::wire::catalog::parts::{PartKind, PartView};

/// A part's name and description as typed.
pub struct PartText<'a> {
    /// Display name.
    pub name: &'a str,
    /// Description (may be empty).
    pub description: &'a str,
}

/// How many products and templates use the part `x`.
fn usage_sql(kind: PartKind) -> &'static str {
    match kind {
        PartKind::Module => {
            "(SELECT COUNT(*) FROM product_modules u WHERE u.module_id = x.id) + \
             (SELECT COUNT(*) FROM template_modules t WHERE t.module_id = x.id)"
        }
        PartKind::Vertical => {
            "(SELECT COUNT(*) FROM product_verticals u WHERE u.vertical_id = x.id)"
        }
    }
}

/// Every module or vertical with how many things use it.
pub async fn list(pool: &AnyPool, kind: PartKind) -> Result<Vec<PartView>> {
    let sql = format!(
        "SELECT x.code, x.name, x.description, x.published, {} FROM {} x ORDER BY x.code",
        usage_sql(kind),
        kind.plural()
    );
    let rows: Vec<(String, String, String, i64, i64)> =
        sqlx::query_as(&sql).fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|(code, name, description, published, used_by)| PartView {
            code,
            name,
            description,
            published: published == 1,
            used_by,
        })
        .collect())
}

/// Creates an unpublished module or vertical.
pub async fn create(st: &AppState, kind: PartKind, code: &str, text: PartText<'_>) -> Result<()> {
    let code = CatalogCode::parse(&format!("{} code", kind.label()), code)?;
    let (name, description) = (name(text.name)?, description(text.description)?);
    let fields = [
        ("name", Field::Text(&name)),
        ("description", Field::Text(&description)),
    ];
    let what = kind.label().to_lowercase();
    insert_draft(st, kind.plural(), &what, code.as_str(), &fields).await
}

/// Changes a part's name and description.
pub async fn update(st: &AppState, kind: PartKind, code: &str, text: PartText<'_>) -> Result<()> {
    let (name, description) = (name(text.name)?, description(text.description)?);
    let fields = [
        ("name", Field::Text(&name)),
        ("description", Field::Text(&description)),
    ];
    update_by_code(st, kind.plural(), code, &fields).await
}

/// Publishes or unpublishes a part; unpublished parts stay where they are but cannot be added.
pub async fn set_published(st: &AppState, kind: PartKind, code: &str, on: bool) -> Result<()> {
    super::set_published(st, kind.plural(), code, on).await
}

/// Deletes a part that no product or template uses.
pub async fn delete(st: &AppState, kind: PartKind, code: &str) -> Result<()> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let id = id_of(&mut tx, kind.plural(), code).await?;
    let (link, column) = match kind {
        PartKind::Module => ("product_modules", "module_id"),
        PartKind::Vertical => ("product_verticals", "vertical_id"),
    };
    let mut users: Vec<String> = codes(
        &mut tx,
        &format!("SELECT 'product ' || p.code FROM {link} u JOIN products p ON p.id = u.product_id WHERE u.{column} = $1 ORDER BY p.code"),
        id,
    )
    .await?;
    if kind == PartKind::Module {
        users.extend(codes(
            &mut tx,
            "SELECT 'template ' || t.code FROM template_modules u JOIN service_templates t ON t.id = u.template_id WHERE u.module_id = $1 ORDER BY t.code",
            id,
        )
        .await?);
    }
    if !users.is_empty() {
        return Err(AppError::Conflict(format!(
            "{} {code} is in use ({}); remove it there first.",
            kind.label(),
            users.join(", ")
        )));
    }
    sqlx::query(&format!("DELETE FROM {} WHERE id = $1", kind.plural()))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    commit_edit(st, tx).await?;
    Ok(())
}
