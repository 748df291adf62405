//! Tax rates per billing country, stored as basis points (19.60 % is 1960).
use sqlx::AnyPool;

use crate::backend::state::AppState;
use crate::backend::storefront_cache::commit_edit;
use crate::domain::catalog::{format_basis_points, parse_country, parse_percent};
use crate::error::{AppError, Result};
use crate::wire::catalog::tax_rates::TaxRateView;

/// Every configured country with its rate, by code.
pub async fn list(pool: &AnyPool) -> Result<Vec<TaxRateView>> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT country, basis_points FROM tax_rates ORDER BY country")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(country, bp)| TaxRateView {
            country,
            percent: format_basis_points(bp),
        })
        .collect())
}

/// Sets a country's rate (adding the country when new); returns the basis points stored.
pub async fn set(st: &AppState, country: &str, percent: &str) -> Result<i64> {
    let country = parse_country(country)?;
    let bp = parse_percent(percent)?;
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    sqlx::query(
        "INSERT INTO tax_rates (country, basis_points) VALUES ($1, $2) \
         ON CONFLICT (country) DO UPDATE SET basis_points = excluded.basis_points",
    )
    .bind(&country)
    .bind(bp)
    .execute(&mut *tx)
    .await?;
    commit_edit(st, tx).await?;
    tracing::info!(%country, bp, "tax rate set");
    Ok(bp)
}

/// Stops selling to a country (orders from it are then refused).
pub async fn remove(st: &AppState, country: &str) -> Result<()> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let gone = sqlx::query("DELETE FROM tax_rates WHERE country = $1")
        .bind(country.trim())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if gone == 0 {
        return Err(AppError::NotFound);
    }
    commit_edit(st, tx).await?;
    Ok(())
}
