//! The operator's catalog editing: publish, unpublish, retire, delete, and re-pricing that never
//! changes what existing subscribers pay (they stay bound to the old version of the plan).
use sqlx::{AnyConnection, AnyPool};

use crate::api::catalog_admin::{AdminPeriodView, AdminPlanView};
use crate::domain::{Currency, Money};
use crate::error::{AppError, Result};

/// Every plan, retired versions included, with how many subscriptions and orders use it.
pub async fn plans(pool: &AnyPool) -> Result<Vec<AdminPlanView>> {
    let rows: Vec<(i64, String, String, i64, String, String, i64)> = sqlx::query_as(
        "SELECT p.id, p.code, p.name, p.version, p.status, p.currency, \
         (SELECT COUNT(*) FROM subscriptions s WHERE s.plan_id = p.id AND s.status <> 'cancelled') \
         FROM plans p ORDER BY p.sort_order, p.code, p.version DESC",
    )
    .fetch_all(pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, code, name, version, status, currency, subscribers) in rows {
        let cur = Currency::parse(&currency)?;
        let periods: Vec<(i64, i64, i64, i64)> =
            sqlx::query_as("SELECT months, setup_fee_minor, recurring_fee_minor, renewal_fee_minor FROM plan_periods WHERE plan_id = $1 ORDER BY months")
                .bind(id)
                .fetch_all(pool)
                .await?;
        let money = |m: i64| Money::new(m, cur).to_decimal_string();
        out.push(AdminPlanView {
            id,
            code,
            name,
            version,
            status,
            currency,
            subscribers,
            periods: periods
                .into_iter()
                .map(|(months, s, r, n)| AdminPeriodView {
                    months,
                    setup: money(s),
                    recurring: money(r),
                    renewal: money(n),
                })
                .collect(),
        });
    }
    Ok(out)
}

async fn in_use(conn: &mut AnyConnection, plan_id: i64) -> Result<bool> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM subscriptions WHERE plan_id = $1) + (SELECT COUNT(*) FROM orders WHERE plan_id = $1)",
    )
    .bind(plan_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// Publishes, unpublishes (back to draft) or retires a plan. A retired plan stays for its
/// subscribers but is no longer sold.
pub async fn set_status(pool: &AnyPool, plan_id: i64, status: &str) -> Result<()> {
    if !matches!(status, "draft" | "published" | "retired") {
        return Err(AppError::Invalid(
            "A plan is draft, published or retired.".into(),
        ));
    }
    let (current,): (String,) = sqlx::query_as("SELECT status FROM plans WHERE id = $1")
        .bind(plan_id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)?;
    if current == "retired" && status != "retired" {
        return Err(AppError::Conflict(
            "A retired version cannot be sold again; re-price the current version instead.".into(),
        ));
    }
    sqlx::query("UPDATE plans SET status = $1 WHERE id = $2")
        .bind(status)
        .bind(plan_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Deletes a plan nobody ever ordered; one with orders or subscribers can only be retired.
pub async fn delete(pool: &AnyPool, plan_id: i64) -> Result<()> {
    let mut tx = pool.begin().await?;
    if in_use(&mut tx, plan_id).await? {
        return Err(AppError::Conflict(
            "This plan has orders or subscribers; retire it instead of deleting it.".into(),
        ));
    }
    for table in [
        "plan_periods",
        "plan_resource_rates",
        "plan_addons",
        "storefront_plans",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE plan_id = $1"))
            .bind(plan_id)
            .execute(&mut *tx)
            .await?;
    }
    let gone = sqlx::query("DELETE FROM plans WHERE id = $1")
        .bind(plan_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if gone == 0 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// New prices for one billing period of a plan, as typed by the operator ("49.00").
pub struct NewPrice<'a> {
    /// Which period.
    pub months: i64,
    /// Setup fee.
    pub setup: &'a str,
    /// First-period price.
    pub recurring: &'a str,
    /// Price of each renewal.
    pub renewal: &'a str,
}

/// Re-prices a period. Unused plans change in place; a plan in use gets a new version with the
/// same code (the old one keeps its subscribers and is retired). Returns the id now sold.
pub async fn reprice(pool: &AnyPool, plan_id: i64, price: NewPrice<'_>) -> Result<i64> {
    let mut tx = pool.begin().await?;
    let (currency, status): (String, String) =
        sqlx::query_as("SELECT currency, status FROM plans WHERE id = $1")
            .bind(plan_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(AppError::NotFound)?;
    if status == "retired" {
        return Err(AppError::Conflict(
            "This version is retired; re-price the current version.".into(),
        ));
    }
    let cur = Currency::parse(&currency)?;
    let parse = |label: &str, v: &str| {
        Money::parse_decimal(v, cur)
            .map_err(|e| AppError::Invalid(format!("{label}: {e}")))
            .and_then(|m| {
                if m.is_negative() {
                    Err(AppError::Invalid(format!("{label} cannot be negative.")))
                } else {
                    Ok(m.minor)
                }
            })
    };
    let (setup, recurring, renewal) = (
        parse("Setup fee", price.setup)?,
        parse("Price", price.recurring)?,
        parse("Renewal price", price.renewal)?,
    );
    let target = if in_use(&mut tx, plan_id).await? {
        new_version(&mut tx, plan_id).await?
    } else {
        plan_id
    };
    let changed = sqlx::query("UPDATE plan_periods SET setup_fee_minor = $1, recurring_fee_minor = $2, renewal_fee_minor = $3 WHERE plan_id = $4 AND months = $5")
        .bind(setup)
        .bind(recurring)
        .bind(renewal)
        .bind(target)
        .bind(price.months)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if changed == 0 {
        return Err(AppError::Invalid(format!(
            "This plan is not sold for {} months.",
            price.months
        )));
    }
    tx.commit().await?;
    Ok(target)
}

/// Copies a plan (periods, rates, add-ons, storefronts) as its next version under the same code;
/// the old row is renamed `<code>@v<version>` and retired.
async fn new_version(conn: &mut AnyConnection, plan_id: i64) -> Result<i64> {
    let (code, version): (String, i64) =
        sqlx::query_as("SELECT code, version FROM plans WHERE id = $1")
            .bind(plan_id)
            .fetch_one(&mut *conn)
            .await?;
    sqlx::query("UPDATE plans SET code = $1, status = 'retired' WHERE id = $2")
        .bind(format!("{code}@v{version}"))
        .bind(plan_id)
        .execute(&mut *conn)
        .await?;
    let (new_id,): (i64,) = sqlx::query_as(
        "INSERT INTO plans (product_id, code, name, description, currency, trial_days, included_users, demo_data, template_id, sort_order, version, status) \
         SELECT product_id, $1, name, description, currency, trial_days, included_users, demo_data, template_id, sort_order, version + 1, 'published' \
         FROM plans WHERE id = $2 RETURNING id",
    )
    .bind(&code)
    .bind(plan_id)
    .fetch_one(&mut *conn)
    .await?;
    let copies = [
        "INSERT INTO plan_periods (plan_id, months, setup_fee_minor, recurring_fee_minor, renewal_fee_minor) \
         SELECT $1, months, setup_fee_minor, recurring_fee_minor, renewal_fee_minor FROM plan_periods WHERE plan_id = $2",
        "INSERT INTO plan_resource_rates (plan_id, resource_id, included, hard_limit, setup_fee_per_unit_minor, recurring_fee_per_unit_minor, overage_per_unit_minor) \
         SELECT $1, resource_id, included, hard_limit, setup_fee_per_unit_minor, recurring_fee_per_unit_minor, overage_per_unit_minor FROM plan_resource_rates WHERE plan_id = $2",
        "INSERT INTO plan_addons (plan_id, addon_id, max_quantity) SELECT $1, addon_id, max_quantity FROM plan_addons WHERE plan_id = $2",
        "INSERT INTO storefront_plans (storefront_id, plan_id) SELECT storefront_id, $1 FROM storefront_plans WHERE plan_id = $2",
    ];
    for sql in copies {
        sqlx::query(sql)
            .bind(new_id)
            .bind(plan_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(new_id)
}
