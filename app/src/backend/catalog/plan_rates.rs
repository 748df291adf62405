//! A plan's resource rates: units included, the hard limit, and the price of more units (setup
//! and recurring per unit) and of overage. Every change is a price edit and is versioned.

use super::{editable, version_for_price_edit};
use crate::backend::state::AppState;
use crate::backend::storefront_cache::commit_edit;
use crate::domain::catalog::{parse_count, parse_price};
use crate::error::{AppError, Result};
use crate::wire::catalog::plans::RateForm;

async fn resource_id(conn: &mut sqlx::AnyConnection, code: &str) -> Result<i64> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM resources WHERE code = $1")
        .bind(code.trim())
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|(id,)| id)
        .ok_or_else(|| AppError::Invalid(format!("There is no resource \"{}\".", code.trim())))
}

/// Sets (adds or replaces) a plan's rate for one resource; returns the id now sold.
pub async fn set(st: &AppState, plan_id: i64, form: &RateForm) -> Result<i64> {
    let included = parse_count("Included units", form.included, 0)?;
    let limit = parse_count("Hard limit", form.hard_limit, 0)?;
    if limit < included {
        return Err(AppError::Invalid(
            "The hard limit cannot be below the included units.".into(),
        ));
    }
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let cur = editable(&mut tx, plan_id).await?;
    let setup = parse_price("Setup fee per unit", &form.setup, cur)?;
    let recurring = parse_price("Recurring fee per unit", &form.recurring, cur)?;
    let overage = parse_price("Overage per unit", &form.overage, cur)?;
    let resource = resource_id(&mut tx, &form.resource).await?;
    let target = version_for_price_edit(&mut tx, plan_id).await?;
    sqlx::query("DELETE FROM plan_resource_rates WHERE plan_id = $1 AND resource_id = $2")
        .bind(target)
        .bind(resource)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO plan_resource_rates (plan_id, resource_id, included, hard_limit, setup_fee_per_unit_minor, \
         recurring_fee_per_unit_minor, overage_per_unit_minor) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(target)
    .bind(resource)
    .bind(included)
    .bind(limit)
    .bind(setup)
    .bind(recurring)
    .bind(overage)
    .execute(&mut *tx)
    .await?;
    commit_edit(st, tx).await?;
    Ok(target)
}

/// Stops selling extra units of a resource on a plan; returns the id now sold.
pub async fn remove(st: &AppState, plan_id: i64, resource: &str) -> Result<i64> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    editable(&mut tx, plan_id).await?;
    let resource = resource_id(&mut tx, resource).await?;
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM plan_resource_rates WHERE plan_id = $1 AND resource_id = $2",
    )
    .bind(plan_id)
    .bind(resource)
    .fetch_one(&mut *tx)
    .await?;
    if n == 0 {
        return Err(AppError::Invalid(
            "This plan has no rate for that resource.".into(),
        ));
    }
    let target = version_for_price_edit(&mut tx, plan_id).await?;
    sqlx::query("DELETE FROM plan_resource_rates WHERE plan_id = $1 AND resource_id = $2")
        .bind(target)
        .bind(resource)
        .execute(&mut *tx)
        .await?;
    commit_edit(st, tx).await?;
    Ok(target)
}
