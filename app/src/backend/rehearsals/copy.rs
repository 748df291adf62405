//! Copying what a rehearsal needs from the platform database into its own: the catalog and the
//! platform's settings whole, and of the customers and tenants only the rehearsed one's records.
//! Rows are copied column by column whatever the engine on either side, inside one read
//! transaction on the platform side, so the copy is one moment's picture.
use sqlx::any::AnyTypeInfoKind;
use sqlx::{AnyConnection, Column, Row};

use crate::error::Result;

/// Tables copied whole: the catalog, the storefronts' settings, coupons.
const WHOLE: &[&str] = &[
    "storefronts",
    "storefront_billing",
    "dunning_schedules",
    "products",
    "modules",
    "verticals",
    "product_modules",
    "product_verticals",
    "service_templates",
    "template_modules",
    "template_resources",
    "template_settings",
    "resources",
    "plans",
    "plan_periods",
    "plan_resource_rates",
    "addons",
    "plan_addons",
    "storefront_plans",
    "tax_rates",
    "coupons",
    "fraud_settings",
    "catalog_generation",
];

/// Tables copied for one tenant and its customer, with the condition that picks the rows
/// (`{c}` is the customer's id, `{t}` the tenant's), in an order that keeps references intact.
const OWN: &[(&str, &str)] = &[
    ("customers", "id = {c}"),
    ("payment_methods", "customer_id = {c}"),
    ("tenants", "id = {t}"),
    ("tenant_events", "tenant_id = {t}"),
    ("subscriptions", "tenant_id = {t}"),
    (
        "subscription_events",
        "subscription_id IN (SELECT id FROM subscriptions WHERE tenant_id = {t})",
    ),
    ("orders", "tenant_id = {t}"),
    (
        "order_events",
        "order_id IN (SELECT id FROM orders WHERE tenant_id = {t})",
    ),
    (
        "invoices",
        "order_id IN (SELECT id FROM orders WHERE tenant_id = {t})",
    ),
    ("invoice_lines", "invoice_id IN ({invoices})"),
    (
        "payments",
        "order_id IN (SELECT id FROM orders WHERE tenant_id = {t})",
    ),
    ("invoice_events", "invoice_id IN ({invoices})"),
    ("credit_notes", "invoice_id IN ({invoices})"),
    (
        "credit_note_lines",
        "credit_note_id IN (SELECT id FROM credit_notes WHERE invoice_id IN ({invoices}))",
    ),
    // The customer's whole balance: credit is the customer's, not one tenant's.
    ("customer_credits", "customer_id = {c}"),
    ("dunnings", "tenant_id = {t}"),
    ("billing_reminders", "tenant_id = {t}"),
    ("coupon_redemptions", "tenant_id = {t}"),
];

/// Tables not copied: sign-in, members' invitations and API access (a rehearsal signs nobody
/// in), request guards, the provisioning steps of orders (a rehearsal provisions nothing), the
/// rehearsals themselves, the sign-in sessions, support tickets and health checks (billing never
/// reads them).
pub const NOT_COPIED: &[&str] = &[
    "users",
    "password_resets",
    "two_factor",
    "two_factor_recovery_codes",
    "two_factor_settings",
    "invitations",
    "member_events",
    "login_attempts",
    "login_counters",
    "api_keys",
    "screening_locks",
    "idempotency_keys",
    "provisioning_steps",
    "rehearsals",
    "tower_sessions",
    "tickets",
    "ticket_messages",
    "ticket_events",
    // The dashboard's figures and rates: the platform's, not a tenant's.
    "mrr_movements",
    "kpi_months",
    "kpi_fold",
    "reporting_currency",
    "exchange_rates",
    // Health checks: the platform's watch on the real instance.
    "health_settings",
    "health_checks",
];

/// Of the platform schema's `tables`, those this module does not know (a new table must be
/// copied or named in [`NOT_COPIED`]; a test checks the schema against the lists).
pub fn unlisted(tables: &[String]) -> Vec<String> {
    tables
        .iter()
        .filter(|t| {
            !t.starts_with("_sqlx")
                && !WHOLE.contains(&t.as_str())
                && !OWN.iter().any(|(o, _)| o == t)
                && !NOT_COPIED.contains(&t.as_str())
        })
        .cloned()
        .collect()
}

/// One value of a copied row.
enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// Copies the rehearsed records from `from` (a read transaction on the platform database) into
/// `to` (the rehearsal's empty database, with foreign keys off while it fills); returns the rows
/// copied. The copied tenant has no database: nothing the rehearsal does can reach the real one.
pub async fn copy(
    from: &mut AnyConnection,
    to: &mut AnyConnection,
    customer_id: i64,
    tenant_id: i64,
) -> Result<usize> {
    let invoices = format!(
        "SELECT i.id FROM invoices i JOIN orders o ON o.id = i.order_id WHERE o.tenant_id = {tenant_id}"
    );
    let mut tables: Vec<(String, String)> = WHOLE
        .iter()
        .map(|t| ((*t).to_string(), format!("SELECT * FROM {t} ORDER BY 1")))
        .collect();
    for (table, condition) in OWN {
        let condition = condition
            .replace("{invoices}", &invoices)
            .replace("{c}", &customer_id.to_string())
            .replace("{t}", &tenant_id.to_string());
        tables.push((
            (*table).to_string(),
            format!("SELECT * FROM {table} WHERE {condition} ORDER BY 1"),
        ));
    }
    let mut copied = 0;
    for (table, select) in tables {
        let rows = sqlx::query(&select).fetch_all(&mut *from).await?;
        // Rows the migrations put in (settings with their defaults) give way to the real ones.
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&mut *to)
            .await?;
        for row in rows {
            insert(to, &table, &row).await?;
            copied += 1;
        }
    }
    sqlx::query(
        "UPDATE tenants SET db_engine = NULL, db_server = NULL, db_name = NULL, db_password = NULL",
    )
    .execute(&mut *to)
    .await?;
    Ok(copied)
}

async fn insert(to: &mut AnyConnection, table: &str, row: &sqlx::any::AnyRow) -> Result<()> {
    let names: Vec<&str> = row.columns().iter().map(|c| c.name()).collect();
    let marks: Vec<String> = (1..=names.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names.join(", "),
        marks.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for i in 0..names.len() {
        query = match cell(row, i)? {
            Cell::Null => query.bind(None::<i64>),
            Cell::Int(v) => query.bind(v),
            Cell::Real(v) => query.bind(v),
            Cell::Text(v) => query.bind(v),
            Cell::Blob(v) => query.bind(v),
        };
    }
    query.execute(&mut *to).await?;
    Ok(())
}

fn cell(row: &sqlx::any::AnyRow, i: usize) -> Result<Cell> {
    use sqlx::ValueRef;
    let raw = row.try_get_raw(i)?;
    if raw.is_null() {
        return Ok(Cell::Null);
    }
    let kind = raw.type_info().kind();
    Ok(match kind {
        AnyTypeInfoKind::Null => Cell::Null,
        AnyTypeInfoKind::Bool => Cell::Int(i64::from(row.try_get::<bool, _>(i)?)),
        AnyTypeInfoKind::SmallInt | AnyTypeInfoKind::Integer | AnyTypeInfoKind::BigInt => {
            Cell::Int(row.try_get::<i64, _>(i)?)
        }
        AnyTypeInfoKind::Real => Cell::Real(f64::from(row.try_get::<f32, _>(i)?)),
        AnyTypeInfoKind::Double => Cell::Real(row.try_get::<f64, _>(i)?),
        AnyTypeInfoKind::Text => Cell::Text(row.try_get::<String, _>(i)?),
        AnyTypeInfoKind::Blob => Cell::Blob(row.try_get::<Vec<u8>, _>(i)?),
    })
}

#[cfg(test)]
mod tests {
    use super::{OWN, WHOLE};

    #[test]
    fn no_table_is_copied_twice() {
        let mut names: Vec<&str> = WHOLE.to_vec();
        names.extend(OWN.iter().map(|(t, _)| *t));
        let before = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), before);
    }
}
