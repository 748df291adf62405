//! Loading a plan's prices (periods, resource rates, add-ons) for the shared quote computation.
use sqlx::AnyPool;

use super::catalog::PlanRow;
use crate::domain::pricing::{AddonPrice, PeriodPrice, PricedPlan, ResourceRate};
use crate::domain::vat_id::{self, TaxTreatment, VatId};
use crate::domain::{Currency, Money};
use crate::error::{AppError, Result};

fn to_u32(v: i64) -> Result<u32> {
    u32::try_from(v).map_err(|_| AppError::Internal)
}

/// A plan with everything needed to price any configuration of it.
pub async fn priced_plan(pool: &AnyPool, plan: &PlanRow) -> Result<PricedPlan> {
    let currency = Currency::parse(&plan.currency)?;
    let money = |minor: i64| Money::new(minor, currency);
    let periods: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT months, setup_fee_minor, recurring_fee_minor, renewal_fee_minor FROM plan_periods WHERE plan_id = $1 ORDER BY months",
    )
    .bind(plan.id)
    .fetch_all(pool)
    .await?;
    let addons: Vec<(String, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT a.code, a.name, a.setup_fee_minor, a.recurring_fee_minor, pa.max_quantity FROM plan_addons pa \
         JOIN addons a ON a.id = pa.addon_id WHERE pa.plan_id = $1 AND a.currency = $2 ORDER BY a.id",
    )
    .bind(plan.id)
    .bind(&plan.currency)
    .fetch_all(pool)
    .await?;
    let resources: Vec<(String, String, i64, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT r.code, r.name, pr.included, pr.hard_limit, pr.setup_fee_per_unit_minor, pr.recurring_fee_per_unit_minor, \
         pr.overage_per_unit_minor FROM plan_resource_rates pr JOIN resources r ON r.id = pr.resource_id \
         WHERE pr.plan_id = $1 ORDER BY r.id",
    )
    .bind(plan.id)
    .fetch_all(pool)
    .await?;
    Ok(PricedPlan {
        code: plan.code.clone(),
        currency,
        periods: periods
            .into_iter()
            .map(|(months, setup, first, renewal)| {
                Ok(PeriodPrice {
                    period_months: to_u32(months)?,
                    setup_fee: money(setup),
                    recurring_fee: money(first),
                    renewal_fee: money(renewal),
                })
            })
            .collect::<Result<_>>()?,
        addons: addons
            .into_iter()
            .map(|(code, name, setup, monthly, max)| {
                Ok(AddonPrice {
                    code,
                    name,
                    setup_fee: money(setup),
                    recurring_fee_per_unit: money(monthly),
                    max_quantity: to_u32(max)?,
                })
            })
            .collect::<Result<_>>()?,
        resources: resources
            .into_iter()
            .map(|(code, name, included, limit, setup, monthly, overage)| {
                Ok(ResourceRate {
                    code,
                    name,
                    included: to_u32(included)?,
                    setup_fee_per_unit: money(setup),
                    recurring_fee_per_unit: money(monthly),
                    overage_per_unit: money(overage),
                    max_extra: to_u32(limit - included)?,
                })
            })
            .collect::<Result<_>>()?,
        trial_days: to_u32(plan.trial_days)?,
    })
}

/// The tax rate for a billing country, or a clear refusal when it is not sold to.
pub async fn tax_rate(pool: &AnyPool, country: &str) -> Result<u32> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT basis_points FROM tax_rates WHERE country = $1")
            .bind(country)
            .fetch_optional(pool)
            .await?;
    match row {
        Some((bp,)) => to_u32(bp),
        None => Err(AppError::Invalid(format!(
            "We do not sell to {country} yet; please choose another billing country."
        ))),
    }
}

/// The seller's country of a storefront (empty when it has none set, or no storefront).
pub async fn seller_country(pool: &AnyPool, storefront_id: Option<i64>) -> Result<String> {
    let Some(id) = storefront_id else {
        return Ok(String::new());
    };
    let row: Option<(String,)> =
        sqlx::query_as("SELECT country FROM storefront_billing WHERE storefront_id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(c,)| c).unwrap_or_default())
}

/// The tax a customer billed in `country`, with an optional valid VAT ID, pays a storefront:
/// the country's rate, or 0 % under reverse charge ([`vat_id::tax_treatment`], which the
/// configurator uses too).
pub async fn tax_treatment(
    pool: &AnyPool,
    storefront_id: Option<i64>,
    country: &str,
    vat_id: Option<&VatId>,
) -> Result<TaxTreatment> {
    let rate = tax_rate(pool, country).await?;
    let seller = seller_country(pool, storefront_id).await?;
    Ok(vat_id::tax_treatment(&seller, country, vat_id, rate))
}

/// Every country sold to, with its tax rate in basis points, by code.
pub async fn countries(pool: &AnyPool) -> Result<Vec<(String, u32)>> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT country, basis_points FROM tax_rates ORDER BY country")
            .fetch_all(pool)
            .await?;
    rows.into_iter()
        .map(|(c, bp)| Ok((c, to_u32(bp)?)))
        .collect()
}
