//! A plan's priced billing periods: add, re-price, remove. Every change goes through
//! [`version_for_price_edit`], so subscribers keep the prices they bought.

use super::{editable, version_for_price_edit};
use crate::backend::db::is_unique_violation;
use crate::backend::state::AppState;
use crate::backend::storefront_cache::commit_edit;
use crate::domain::catalog::parse_price;
use crate::domain::Currency;
use crate::error::{AppError, Result};

/// Prices for one billing period of a plan, as typed by the operator ("49.00").
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

/// The three prices in minor units, validated.
fn minor(price: &NewPrice<'_>, cur: Currency) -> Result<(i64, i64, i64)> {
    Ok((
        parse_price("Setup fee", price.setup, cur)?,
        parse_price("Price", price.recurring, cur)?,
        parse_price("Renewal price", price.renewal, cur)?,
    ))
}

fn months(m: i64) -> Result<i64> {
    if (1..=36).contains(&m) {
        Ok(m)
    } else {
        Err(AppError::Invalid(
            "A billing period is from 1 to 36 months.".into(),
        ))
    }
}

/// Re-prices a period. Unused plans change in place; a plan in use gets a new version with the
/// same code (the old one keeps its subscribers and is retired). Returns the id now sold.
pub async fn reprice(st: &AppState, plan_id: i64, price: NewPrice<'_>) -> Result<i64> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let cur = editable(&mut tx, plan_id).await?;
    let (setup, recurring, renewal) = minor(&price, cur)?;
    let target = version_for_price_edit(&mut tx, plan_id).await?;
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
    commit_edit(st, tx).await?;
    Ok(target)
}

/// Adds a billing period (1 to 36 months) with its prices; returns the id now sold.
pub async fn add(st: &AppState, plan_id: i64, price: NewPrice<'_>) -> Result<i64> {
    let months = months(price.months)?;
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let cur = editable(&mut tx, plan_id).await?;
    let (setup, recurring, renewal) = minor(&price, cur)?;
    let target = version_for_price_edit(&mut tx, plan_id).await?;
    sqlx::query("INSERT INTO plan_periods (plan_id, months, setup_fee_minor, recurring_fee_minor, renewal_fee_minor) VALUES ($1, $2, $3, $4, $5)")
        .bind(target)
        .bind(months)
        .bind(setup)
        .bind(recurring)
        .bind(renewal)
        .execute(&mut *tx)
        .await
        .map_err(|e| {
            if is_unique_violation(&e, "plan_periods") {
                AppError::Conflict(format!(
                    "This plan is already sold for {months} months; change that period's prices instead."
                ))
            } else {
                e.into()
            }
        })?;
    commit_edit(st, tx).await?;
    Ok(target)
}

/// Stops selling a billing period; a plan without a trial keeps at least one period.
pub async fn remove(st: &AppState, plan_id: i64, months: i64) -> Result<i64> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    editable(&mut tx, plan_id).await?;
    let (exists, count, trial_days): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM plan_periods WHERE plan_id = $1 AND months = $2), \
         (SELECT COUNT(*) FROM plan_periods WHERE plan_id = $1), trial_days FROM plans WHERE id = $1",
    )
    .bind(plan_id)
    .bind(months)
    .fetch_one(&mut *tx)
    .await?;
    if exists == 0 {
        return Err(AppError::Invalid(format!(
            "This plan is not sold for {months} months."
        )));
    }
    if count == 1 && trial_days == 0 {
        return Err(AppError::Conflict(
            "This is the plan's only period and it has no trial; add another period first.".into(),
        ));
    }
    let target = version_for_price_edit(&mut tx, plan_id).await?;
    sqlx::query("DELETE FROM plan_periods WHERE plan_id = $1 AND months = $2")
        .bind(target)
        .bind(months)
        .execute(&mut *tx)
        .await?;
    commit_edit(st, tx).await?;
    Ok(target)
}
