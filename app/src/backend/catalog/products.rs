//! Products and the modules and verticals they bundle. `products.modules` (read by the
//! storefront, portal and REST API) is rewritten from `product_modules` on every change.
use sqlx::{AnyConnection, AnyPool};

use super::{
    codes, description, id_of, insert_draft, name, published_codes, published_id, update_by_code,
    Field,
};
use crate::backend::state::AppState;
use crate::backend::storefront_cache::commit_edit;
use crate::domain::CatalogCode;
use crate::error::{AppError, Result};
use crate::wire::catalog::parts::PartKind;
use crate::wire::catalog::products::{ProductView, ProductsView};

const MODULES_OF: &str = "SELECT m.code FROM product_modules x JOIN modules m ON m.id = x.module_id WHERE x.product_id = $1 ORDER BY m.id";
const VERTICALS_OF: &str = "SELECT v.code FROM product_verticals x JOIN verticals v ON v.id = x.vertical_id WHERE x.product_id = $1 ORDER BY v.id";

/// Every product with its parts, and the published parts that may be attached.
pub async fn list(pool: &AnyPool) -> Result<ProductsView> {
    let mut conn = pool.acquire().await?;
    let rows: Vec<(i64, String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT p.id, p.code, p.name, p.description, p.published, \
         (SELECT COUNT(*) FROM plans x WHERE x.product_id = p.id) FROM products p ORDER BY p.code",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut products = Vec::with_capacity(rows.len());
    for (id, code, name, description, published, plans) in rows {
        products.push(ProductView {
            code,
            name,
            description,
            published: published == 1,
            modules: codes(&mut conn, MODULES_OF, id).await?,
            verticals: codes(&mut conn, VERTICALS_OF, id).await?,
            plans,
        });
    }
    Ok(ProductsView {
        products,
        module_choices: published_codes(&mut conn, "modules").await?,
        vertical_choices: published_codes(&mut conn, "verticals").await?,
    })
}

/// Creates an unpublished product with no modules yet.
pub async fn create(st: &AppState, code: &str, name_: &str, description_: &str) -> Result<()> {
    let code = CatalogCode::parse("Product code", code)?;
    let (name, description) = (name(name_)?, description(description_)?);
    let fields = [
        ("name", Field::Text(&name)),
        ("description", Field::Text(&description)),
        ("modules", Field::Text("")),
    ];
    insert_draft(st, "products", "product", code.as_str(), &fields).await
}

/// Changes a product's name and description.
pub async fn update(st: &AppState, code: &str, name_: &str, description_: &str) -> Result<()> {
    let (name, description) = (name(name_)?, description(description_)?);
    let fields = [
        ("name", Field::Text(&name)),
        ("description", Field::Text(&description)),
    ];
    update_by_code(st, "products", code, &fields).await
}

/// Publishes or unpublishes a product.
pub async fn set_published(st: &AppState, code: &str, on: bool) -> Result<()> {
    super::set_published(st, "products", code, on).await
}

/// Deletes a product that has no plans, with its links to modules and verticals.
pub async fn delete(st: &AppState, code: &str) -> Result<()> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let id = id_of(&mut tx, "products", code).await?;
    let plans = codes(
        &mut tx,
        "SELECT code FROM plans WHERE product_id = $1 ORDER BY code",
        id,
    )
    .await?;
    if !plans.is_empty() {
        return Err(AppError::Conflict(format!(
            "Product {code} has plans ({}); it cannot be deleted.",
            plans.join(", ")
        )));
    }
    for sql in [
        "DELETE FROM product_modules WHERE product_id = $1",
        "DELETE FROM product_verticals WHERE product_id = $1",
        "DELETE FROM products WHERE id = $1",
    ] {
        sqlx::query(sql).bind(id).execute(&mut *tx).await?;
    }
    commit_edit(st, tx).await?;
    Ok(())
}

fn link(kind: PartKind) -> (&'static str, &'static str) {
    match kind {
        PartKind::Module => ("product_modules", "module_id"),
        PartKind::Vertical => ("product_verticals", "vertical_id"),
    }
}

/// Adds a published module or vertical to a product (adding it twice changes nothing).
pub async fn attach(st: &AppState, product: &str, kind: PartKind, part: &str) -> Result<()> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let product_id = id_of(&mut tx, "products", product).await?;
    let label = kind.label().to_lowercase();
    let part_id = published_id(&mut tx, kind.plural(), &label, part).await?;
    let (table, column) = link(kind);
    sqlx::query(&format!(
        "INSERT INTO {table} (product_id, {column}) VALUES ($1, $2) ON CONFLICT DO NOTHING"
    ))
    .bind(product_id)
    .bind(part_id)
    .execute(&mut *tx)
    .await?;
    sync_module_text(&mut tx, product_id).await?;
    commit_edit(st, tx).await?;
    Ok(())
}

/// Removes a module or vertical from a product.
pub async fn detach(st: &AppState, product: &str, kind: PartKind, part: &str) -> Result<()> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let product_id = id_of(&mut tx, "products", product).await?;
    let (table, column) = link(kind);
    let gone = sqlx::query(&format!(
        "DELETE FROM {table} WHERE product_id = $1 AND {column} = (SELECT id FROM {} WHERE code = $2)",
        kind.plural()
    ))
    .bind(product_id)
    .bind(part)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if gone == 0 {
        return Err(AppError::Invalid(format!(
            "{} {part} is not part of product {product}.",
            kind.label()
        )));
    }
    sync_module_text(&mut tx, product_id).await?;
    commit_edit(st, tx).await?;
    Ok(())
}

/// Keeps the legacy comma-separated `products.modules` equal to the product's modules.
async fn sync_module_text(conn: &mut AnyConnection, product_id: i64) -> Result<()> {
    let modules = codes(conn, MODULES_OF, product_id).await?.join(",");
    sqlx::query("UPDATE products SET modules = $1 WHERE id = $2")
        .bind(modules)
        .bind(product_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
