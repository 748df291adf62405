//! The demo catalog's structure: modules, verticals and templates, seeded after the products and
//! plans of [`super::demo_catalog`], inside its transaction.
use sqlx::AnyConnection;

use super::id_of;
use crate::error::Result;

/// (code, name, description) of each module.
const MODULES: &[(&str, &str, &str)] = &[
    ("sales", "Sales", "Quotes, sales orders and customers."),
    (
        "purchase",
        "Purchase",
        "Suppliers, requests for quotation and purchase orders.",
    ),
    (
        "accounting",
        "Accounting",
        "Invoices, payments, ledgers and reports.",
    ),
    (
        "inventory",
        "Inventory",
        "Warehouses, stock moves and valuation.",
    ),
    ("helpdesk", "Helpdesk", "Tickets, SLAs and a shared inbox."),
    (
        "knowledge-base",
        "Knowledge base",
        "Articles customers can search.",
    ),
];

/// (code, name, description, products) of each vertical.
const VERTICALS: &[(&str, &str, &str, &[&str])] = &[
    (
        "manufacturing",
        "Manufacturing",
        "Bills of materials and work orders.",
        &["erp"],
    ),
    (
        "construction",
        "Construction",
        "Projects, sites and subcontractors.",
        &["erp"],
    ),
];

struct Template {
    code: &'static str,
    name: &'static str,
    demo_data: i64,
    /// Its modules are those of this product.
    product: &'static str,
    /// (resource, included, hard limit).
    resources: &'static [(&'static str, i64, i64)],
    settings: &'static [(&'static str, &'static str)],
    plans: &'static [&'static str],
}

const TEMPLATES: &[Template] = &[
    Template {
        code: "erp-trial",
        name: "ERP trial with demo data",
        demo_data: 1,
        product: "erp",
        resources: &[("users", 3, 3)],
        settings: &[],
        plans: &["erp-trial"],
    },
    Template {
        code: "erp-business",
        name: "ERP for a growing team",
        demo_data: 0,
        product: "erp",
        resources: &[("users", 10, 210), ("storage_gb", 10, 1010)],
        settings: &[],
        plans: &["erp-business"],
    },
    Template {
        code: "erp-business-us",
        name: "ERP for a growing team (US)",
        demo_data: 0,
        product: "erp",
        resources: &[("users", 10, 210), ("storage_gb", 10, 1010)],
        settings: &[("locale", "en-US"), ("timezone", "America/New_York")],
        plans: &["erp-business-us"],
    },
    Template {
        code: "erp-enterprise",
        name: "ERP for large companies",
        demo_data: 0,
        product: "erp",
        resources: &[("users", 50, 250), ("storage_gb", 10, 1010)],
        settings: &[],
        plans: &["erp-enterprise"],
    },
    Template {
        code: "helpdesk-trial",
        name: "Helpdesk trial with demo data",
        demo_data: 1,
        product: "helpdesk",
        resources: &[("users", 2, 2)],
        settings: &[],
        plans: &["helpdesk-trial"],
    },
    Template {
        code: "helpdesk-team",
        name: "Helpdesk for a support team",
        demo_data: 0,
        product: "helpdesk",
        resources: &[("users", 5, 205), ("storage_gb", 10, 1010)],
        settings: &[("helpdesk.sla_hours", "24")],
        plans: &["helpdesk-team", "helpdesk-team-us"],
    },
];

async fn run(conn: &mut AnyConnection, sql: &str, a: i64, b: i64) -> Result<()> {
    sqlx::query(sql).bind(a).bind(b).execute(&mut *conn).await?;
    Ok(())
}

/// Writes modules (linked to the products that list them), verticals and templates, and binds
/// every demo plan to its template.
pub async fn seed(conn: &mut AnyConnection) -> Result<()> {
    for (code, name, description) in MODULES {
        sqlx::query(
            "INSERT INTO modules (code, name, description, published) VALUES ($1, $2, $3, 1)",
        )
        .bind(*code)
        .bind(*name)
        .bind(*description)
        .execute(&mut *conn)
        .await?;
    }
    let products: Vec<(i64, String)> = sqlx::query_as("SELECT id, modules FROM products")
        .fetch_all(&mut *conn)
        .await?;
    for (product_id, modules) in products {
        for code in modules.split(',').map(str::trim).filter(|m| !m.is_empty()) {
            let module_id = id_of(conn, "modules", code).await?;
            run(
                conn,
                "INSERT INTO product_modules (product_id, module_id) VALUES ($1, $2)",
                product_id,
                module_id,
            )
            .await?;
        }
    }
    for (code, name, description, products) in VERTICALS {
        let (vertical_id,): (i64,) = sqlx::query_as(
            "INSERT INTO verticals (code, name, description, published) VALUES ($1, $2, $3, 1) RETURNING id",
        )
        .bind(*code)
        .bind(*name)
        .bind(*description)
        .fetch_one(&mut *conn)
        .await?;
        for product in *products {
            let product_id = id_of(conn, "products", product).await?;
            run(
                conn,
                "INSERT INTO product_verticals (product_id, vertical_id) VALUES ($1, $2)",
                product_id,
                vertical_id,
            )
            .await?;
        }
    }
    for t in TEMPLATES {
        seed_template(conn, t).await?;
    }
    Ok(())
}

async fn seed_template(conn: &mut AnyConnection, t: &Template) -> Result<()> {
    let (template_id,): (i64,) = sqlx::query_as(
        "INSERT INTO service_templates (code, name, demo_data, published) VALUES ($1, $2, $3, 1) RETURNING id",
    )
    .bind(t.code)
    .bind(t.name)
    .bind(t.demo_data)
    .fetch_one(&mut *conn)
    .await?;
    let product_id = id_of(conn, "products", t.product).await?;
    run(
        conn,
        "INSERT INTO template_modules (template_id, module_id) SELECT $1, module_id FROM product_modules WHERE product_id = $2",
        template_id,
        product_id,
    )
    .await?;
    for (resource, included, limit) in t.resources {
        let resource_id = id_of(conn, "resources", resource).await?;
        sqlx::query("INSERT INTO template_resources (template_id, resource_id, included, hard_limit) VALUES ($1, $2, $3, $4)")
            .bind(template_id)
            .bind(resource_id)
            .bind(*included)
            .bind(*limit)
            .execute(&mut *conn)
            .await?;
    }
    for (key, value) in t.settings {
        sqlx::query("INSERT INTO template_settings (template_id, key, value) VALUES ($1, $2, $3)")
            .bind(template_id)
            .bind(*key)
            .bind(*value)
            .execute(&mut *conn)
            .await?;
    }
    for plan in t.plans {
        let plan_id = id_of(conn, "plans", plan).await?;
        run(
            conn,
            "UPDATE plans SET template_id = $1 WHERE id = $2",
            template_id,
            plan_id,
        )
        .await?;
    }
    Ok(())
}
