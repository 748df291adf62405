//! The reporting currency and exchange rates: set by the operator, read by the dashboard to add
//! every currency's MRR together (each month at the rate in force at its end).
use chrono::NaiveDate;

use super::db::ts;
use super::state::AppState;
use crate::domain::mrr::{show_rate, Month};
use crate::domain::{Currency, DomainError};
use crate::error::{AppError, Result};
use crate::wire::exchange_rates::{ExchangeRatesView, RateView};

/// The reporting currency, if one is set.
pub async fn reporting(st: &AppState) -> Result<Option<String>> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT currency FROM reporting_currency WHERE id = 1")
            .fetch_optional(&st.pool)
            .await?;
    Ok(row.map(|(c,)| c))
}

fn currency(input: &str, field: &str) -> Result<String> {
    let code = input.trim().to_uppercase();
    Currency::parse(&code)
        .map(|c| c.as_str().to_string())
        .map_err(|e| AppError::from(e).in_field(field))
}

/// Sets the reporting currency.
pub async fn set_reporting(st: &AppState, input: &str, operator: &str) -> Result<()> {
    let code = currency(input, "reporting")?;
    sqlx::query(
        "INSERT INTO reporting_currency (id, currency, updated_at, updated_by) VALUES (1, $1, $2, $3) \
         ON CONFLICT (id) DO UPDATE SET currency = excluded.currency, updated_at = excluded.updated_at, \
         updated_by = excluded.updated_by",
    )
    .bind(code)
    .bind(ts(st.now()))
    .bind(operator)
    .execute(&st.pool)
    .await?;
    Ok(())
}

/// Saves a rate into the reporting currency from `valid_from` (replacing one of the same day).
pub async fn save_rate(
    st: &AppState,
    currency_in: &str,
    valid_from: &str,
    rate: &str,
    operator: &str,
) -> Result<()> {
    let to = reporting(st).await?.ok_or_else(|| {
        AppError::Invalid("Choose the reporting currency first.".into()).in_field("reporting")
    })?;
    let code = currency(currency_in, "currency")?;
    if code == to {
        return Err(AppError::Invalid(format!(
            "{code} is the reporting currency: it needs no rate."
        ))
        .in_field("currency"));
    }
    let day = NaiveDate::parse_from_str(valid_from.trim(), "%Y-%m-%d").map_err(|_| {
        AppError::from(DomainError::invalid(
            "Give the day the rate holds from (YYYY-MM-DD).",
        ))
        .in_field("valid_from")
    })?;
    let micros =
        crate::domain::mrr::parse_rate(rate).map_err(|e| AppError::from(e).in_field("rate"))?;
    sqlx::query(
        "INSERT INTO exchange_rates (currency, to_currency, valid_from, rate_micros, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (currency, to_currency, valid_from) DO UPDATE SET \
         rate_micros = excluded.rate_micros, created_at = excluded.created_at, created_by = excluded.created_by",
    )
    .bind(code)
    .bind(to)
    .bind(day.format("%Y-%m-%d").to_string())
    .bind(micros)
    .bind(ts(st.now()))
    .bind(operator)
    .execute(&st.pool)
    .await?;
    Ok(())
}

/// The page: the reporting currency, the currencies sold in, the rates into it.
pub async fn view(st: &AppState) -> Result<ExchangeRatesView> {
    let reporting = reporting(st).await?;
    let currencies: Vec<(String,)> =
        sqlx::query_as("SELECT DISTINCT currency FROM plans ORDER BY currency")
            .fetch_all(&st.pool)
            .await?;
    let rates: Vec<(String, String, i64, String)> = sqlx::query_as(
        "SELECT currency, valid_from, rate_micros, created_by FROM exchange_rates WHERE to_currency = $1 \
         ORDER BY valid_from DESC, currency LIMIT 500",
    )
    .bind(reporting.clone().unwrap_or_default())
    .fetch_all(&st.pool)
    .await?;
    Ok(ExchangeRatesView {
        reporting,
        currencies: currencies.into_iter().map(|(c,)| c).collect(),
        rates: rates
            .into_iter()
            .map(|(currency, valid_from, micros, created_by)| RateView {
                currency,
                valid_from,
                rate: show_rate(micros),
                created_by,
            })
            .collect(),
    })
}

/// Every rate into `to`: (currency, valid from, millionths), oldest first.
pub async fn into(st: &AppState, to: &str) -> Result<Vec<(String, String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT currency, valid_from, rate_micros FROM exchange_rates WHERE to_currency = $1 ORDER BY valid_from",
    )
    .bind(to)
    .fetch_all(&st.pool)
    .await?)
}

/// The rate of `currency` in force at the end of `month` (today, for the running month `now`
/// falls in): the latest one from on or before that day.
pub fn in_force(
    rates: &[(String, String, i64)],
    currency: &str,
    month: Month,
    today: &str,
) -> Option<i64> {
    let end = if Month::parse(today).ok() == Some(month) {
        today.get(..10).unwrap_or(today).to_string()
    } else {
        format!("{}-31", month)
    };
    rates
        .iter()
        .filter(|(c, from, _)| c == currency && from.as_str() <= end.as_str())
        .max_by(|a, b| a.1.cmp(&b.1))
        .map(|(_, _, r)| *r)
}
