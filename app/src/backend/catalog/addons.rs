//! Add-ons (extra users, modules, a premium theme, a support level) and their links to plans.
//!
//! An order stores the add-on codes and quantities it bought, not their prices, and every price
//! is read from the `addons` row. So an add-on's price cannot change under a plan version that has
//! orders or subscribers: such an edit is refused (409). The operator creates a new add-on with
//! the new price and swaps it on the plan, which versions the plan like any price edit.
use sqlx::{AnyConnection, AnyPool};

use super::{editable, version_for_price_edit};
use crate::backend::db::is_unique_violation;
use crate::backend::state::AppState;
use crate::backend::storefront_cache::commit_edit;
use crate::domain::catalog::{parse_code, parse_count, parse_price, parse_text};
use crate::domain::{Currency, Money};
use crate::error::{AppError, Result};
use crate::wire::catalog::addons::{AddonForm, AdminAddonView};

/// Whether any plan version selling this add-on has orders or subscribers.
async fn in_use(conn: &mut AnyConnection, addon_id: i64) -> Result<bool> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM plan_addons pa WHERE pa.addon_id = $1 AND \
         (EXISTS (SELECT 1 FROM orders o WHERE o.plan_id = pa.plan_id) \
          OR EXISTS (SELECT 1 FROM subscriptions s WHERE s.plan_id = pa.plan_id))",
    )
    .bind(addon_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// Every add-on with its prices and the plan versions selling it.
pub async fn list(pool: &AnyPool) -> Result<Vec<AdminAddonView>> {
    let rows: Vec<(i64, String, String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT id, code, name, description, currency, setup_fee_minor, recurring_fee_minor FROM addons ORDER BY code",
    )
    .fetch_all(pool)
    .await?;
    let mut conn = pool.acquire().await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, code, name, description, currency, setup, recurring) in rows {
        let cur = Currency::parse(&currency)?;
        let plans: Vec<(String,)> = sqlx::query_as(
            "SELECT p.code FROM plan_addons pa JOIN plans p ON p.id = pa.plan_id WHERE pa.addon_id = $1 ORDER BY p.code",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        out.push(AdminAddonView {
            id,
            code,
            name,
            description,
            currency,
            setup: Money::new(setup, cur).to_decimal_string(),
            recurring: Money::new(recurring, cur).to_decimal_string(),
            plans: plans.into_iter().map(|(c,)| c).collect(),
            in_use: in_use(&mut conn, id).await?,
        });
    }
    Ok(out)
}

/// Creates an add-on; returns its id.
pub async fn create(st: &AppState, form: &AddonForm) -> Result<i64> {
    let code = parse_code(&form.code)?;
    let name = parse_text("Name", &form.name, 200)?;
    let cur = Currency::parse(form.currency.trim())?;
    let setup = parse_price("Setup fee", &form.setup, cur)?;
    let recurring = parse_price("Monthly price", &form.recurring, cur)?;
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO addons (code, name, description, setup_fee_minor, recurring_fee_minor, currency) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(&code)
    .bind(&name)
    .bind(form.description.trim())
    .bind(setup)
    .bind(recurring)
    .bind(cur.as_str())
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| {
        if is_unique_violation(&e, "addons") {
            AppError::Conflict(format!("An add-on with the code \"{code}\" already exists."))
        } else {
            e.into()
        }
    })?;
    commit_edit(st, tx).await?;
    Ok(id)
}

/// Edits an add-on's name, description and prices (code and currency are fixed). New prices on
/// an add-on sold under a plan version in use are refused; see the module documentation.
pub async fn update(st: &AppState, addon_id: i64, form: &AddonForm) -> Result<()> {
    let name = parse_text("Name", &form.name, 200)?;
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let (currency, old_setup, old_recurring): (String, i64, i64) = sqlx::query_as(
        "SELECT currency, setup_fee_minor, recurring_fee_minor FROM addons WHERE id = $1",
    )
    .bind(addon_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    let cur = Currency::parse(&currency)?;
    let setup = parse_price("Setup fee", &form.setup, cur)?;
    let recurring = parse_price("Monthly price", &form.recurring, cur)?;
    if (setup, recurring) != (old_setup, old_recurring) && in_use(&mut tx, addon_id).await? {
        return Err(AppError::Conflict(
            "Customers already pay this add-on's price. Create a new add-on with the new price and swap it on the plan (which makes a new plan version).".into(),
        ));
    }
    sqlx::query("UPDATE addons SET name = $1, description = $2, setup_fee_minor = $3, recurring_fee_minor = $4 WHERE id = $5")
        .bind(&name)
        .bind(form.description.trim())
        .bind(setup)
        .bind(recurring)
        .bind(addon_id)
        .execute(&mut *tx)
        .await?;
    commit_edit(st, tx).await?;
    Ok(())
}

/// Sells an add-on with a plan (or changes the most one may order); versioned like a price edit.
pub async fn attach(st: &AppState, plan_id: i64, addon_id: i64, max_quantity: i64) -> Result<i64> {
    let max = parse_count("Maximum quantity", max_quantity, 1)?;
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let plan_currency = editable(&mut tx, plan_id).await?;
    let (currency,): (String,) = sqlx::query_as("SELECT currency FROM addons WHERE id = $1")
        .bind(addon_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| AppError::Invalid("There is no such add-on.".into()))?;
    if currency != plan_currency.as_str() {
        return Err(AppError::Invalid(format!(
            "This add-on is priced in {currency} but the plan sells in {plan_currency}."
        )));
    }
    let target = version_for_price_edit(&mut tx, plan_id).await?;
    sqlx::query("DELETE FROM plan_addons WHERE plan_id = $1 AND addon_id = $2")
        .bind(target)
        .bind(addon_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO plan_addons (plan_id, addon_id, max_quantity) VALUES ($1, $2, $3)")
        .bind(target)
        .bind(addon_id)
        .bind(max)
        .execute(&mut *tx)
        .await?;
    commit_edit(st, tx).await?;
    Ok(target)
}

/// Stops selling an add-on with a plan; versioned like a price edit.
pub async fn detach(st: &AppState, plan_id: i64, addon_id: i64) -> Result<i64> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    editable(&mut tx, plan_id).await?;
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM plan_addons WHERE plan_id = $1 AND addon_id = $2")
            .bind(plan_id)
            .bind(addon_id)
            .fetch_one(&mut *tx)
            .await?;
    if n == 0 {
        return Err(AppError::Invalid(
            "This add-on is not sold with this plan.".into(),
        ));
    }
    let target = version_for_price_edit(&mut tx, plan_id).await?;
    sqlx::query("DELETE FROM plan_addons WHERE plan_id = $1 AND addon_id = $2")
        .bind(target)
        .bind(addon_id)
        .execute(&mut *tx)
        .await?;
    commit_edit(st, tx).await?;
    Ok(target)
}
