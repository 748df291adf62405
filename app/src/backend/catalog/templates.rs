//! Service templates: what a plan's new instances get (modules, resource allowances, default
//! settings, demo data), and the one reading provisioning uses.
use sqlx::{AnyConnection, AnyPool};

use super::{codes, id_of, insert_draft, name, published_codes, update_by_code, Field};
use crate::backend::state::AppState;
use crate::backend::storefront_cache::commit_edit;
use crate::domain::CatalogCode;
use crate::error::{AppError, Result};
use crate::wire::catalog::templates::{AllowanceView, TemplateSummary, TemplateView};

const MODULES_OF: &str = "SELECT m.code FROM template_modules x JOIN modules m ON m.id = x.module_id WHERE x.template_id = $1 ORDER BY m.code";
const PLANS_OF: &str = "SELECT code FROM plans WHERE template_id = $1 ORDER BY code";

/// What provisioning installs for a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSpec {
    /// Module codes to install.
    pub modules: Vec<String>,
    /// Default settings (key, value) to write besides the built-in ones.
    pub settings: Vec<(String, String)>,
    /// Whether to load demo records.
    pub demo_data: bool,
}

/// The plan's template as provisioning needs it. A plan without a template (none should remain
/// after migration 0004) falls back to its product's modules and its own demo-data flag.
pub async fn template_spec(pool: &AnyPool, plan_id: i64) -> Result<TemplateSpec> {
    let mut conn = pool.acquire().await?;
    let (template_id, product_id): (Option<i64>, i64) =
        sqlx::query_as("SELECT template_id, product_id FROM plans WHERE id = $1")
            .bind(plan_id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(AppError::NotFound)?;
    let Some(template_id) = template_id else {
        return Ok(TemplateSpec {
            modules: codes(&mut conn, "SELECT m.code FROM product_modules x JOIN modules m ON m.id = x.module_id WHERE x.product_id = $1 ORDER BY m.code", product_id).await?,
            settings: Vec::new(),
            demo_data: loads_demo_data(&mut conn, plan_id).await?,
        });
    };
    let settings: Vec<(String, String)> = sqlx::query_as(
        "SELECT key, value FROM template_settings WHERE template_id = $1 ORDER BY key",
    )
    .bind(template_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(TemplateSpec {
        modules: codes(&mut conn, MODULES_OF, template_id).await?,
        settings,
        demo_data: loads_demo_data(&mut conn, plan_id).await?,
    })
}

/// Whether a plan's new instances get demo records: its template says, or (without a template)
/// the plan's own flag. One query, for pages that poll it.
pub async fn loads_demo_data(conn: &mut AnyConnection, plan_id: i64) -> Result<bool> {
    let (demo,): (i64,) = sqlx::query_as(
        "SELECT COALESCE(t.demo_data, p.demo_data) FROM plans p \
         LEFT JOIN service_templates t ON t.id = p.template_id WHERE p.id = $1",
    )
    .bind(plan_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(demo == 1)
}

/// Every template with its modules and how many plans use it.
pub async fn list(pool: &AnyPool) -> Result<Vec<TemplateSummary>> {
    let mut conn = pool.acquire().await?;
    let rows: Vec<(i64, String, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT t.id, t.code, t.name, t.demo_data, t.published, \
         (SELECT COUNT(*) FROM plans p WHERE p.template_id = t.id) FROM service_templates t ORDER BY t.code",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, code, name, demo, published, plans) in rows {
        out.push(TemplateSummary {
            code,
            name,
            demo_data: demo == 1,
            published: published == 1,
            modules: codes(&mut conn, MODULES_OF, id).await?,
            plans,
        });
    }
    Ok(out)
}

/// One template with everything it bundles and the choices its edit page offers.
pub async fn detail(pool: &AnyPool, code: &str) -> Result<TemplateView> {
    let mut conn = pool.acquire().await?;
    let (id, name, demo, published): (i64, String, i64, i64) = sqlx::query_as(
        "SELECT id, name, demo_data, published FROM service_templates WHERE code = $1",
    )
    .bind(code)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    let resources: Vec<(String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT r.code, r.name, r.unit, x.included, x.hard_limit FROM template_resources x \
         JOIN resources r ON r.id = x.resource_id WHERE x.template_id = $1 ORDER BY r.code",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let settings: Vec<(String, String)> = sqlx::query_as(
        "SELECT key, value FROM template_settings WHERE template_id = $1 ORDER BY key",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let modules = codes(&mut conn, MODULES_OF, id).await?;
    let module_choices = published_codes(&mut conn, "modules")
        .await?
        .into_iter()
        .filter(|m| !modules.contains(m))
        .collect();
    Ok(TemplateView {
        code: code.to_string(),
        name,
        demo_data: demo == 1,
        published: published == 1,
        module_choices,
        modules,
        resources: resources
            .into_iter()
            .map(|(resource, name, unit, included, hard_limit)| AllowanceView {
                resource,
                name,
                unit,
                included,
                hard_limit,
            })
            .collect(),
        settings,
        plans: codes(&mut conn, PLANS_OF, id).await?,
        resource_choices: published_codes(&mut conn, "resources").await?,
        plan_choices: codes(
            &mut conn,
            "SELECT code FROM plans WHERE status <> 'retired' AND (template_id IS NULL OR template_id <> $1) ORDER BY code",
            id,
        )
        .await?,
    })
}

/// Creates an unpublished template with nothing in it yet.
pub async fn create(st: &AppState, code: &str, name_: &str, demo_data: bool) -> Result<()> {
    let code = CatalogCode::parse("Template code", code)?;
    let name = name(name_)?;
    let fields = [
        ("name", Field::Text(&name)),
        ("demo_data", Field::Int(i64::from(demo_data))),
    ];
    insert_draft(st, "service_templates", "template", code.as_str(), &fields).await
}

/// Changes a template's name and demo-data flag.
pub async fn update(st: &AppState, code: &str, name_: &str, demo_data: bool) -> Result<()> {
    let name = name(name_)?;
    let fields = [
        ("name", Field::Text(&name)),
        ("demo_data", Field::Int(i64::from(demo_data))),
    ];
    update_by_code(st, "service_templates", code, &fields).await
}

/// Publishes or unpublishes a template; plans already bound keep it.
pub async fn set_published(st: &AppState, code: &str, on: bool) -> Result<()> {
    super::set_published(st, "service_templates", code, on).await
}

/// Deletes a template no plan is bound to, with everything in it.
pub async fn delete(st: &AppState, code: &str) -> Result<()> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let id = id_of(&mut tx, "service_templates", code).await?;
    let plans = codes(&mut tx, PLANS_OF, id).await?;
    if !plans.is_empty() {
        return Err(AppError::Conflict(format!(
            "Template {code} is used by plans {}; bind them to another template first.",
            plans.join(", ")
        )));
    }
    for sql in [
        "DELETE FROM template_modules WHERE template_id = $1",
        "DELETE FROM template_resources WHERE template_id = $1",
        "DELETE FROM template_settings WHERE template_id = $1",
        "DELETE FROM service_templates WHERE id = $1",
    ] {
        sqlx::query(sql).bind(id).execute(&mut *tx).await?;
    }
    commit_edit(st, tx).await?;
    Ok(())
}
