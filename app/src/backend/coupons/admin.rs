//! The operator's coupons: the list with redemptions, a new coupon checked field by field, and
//! deactivation (redeemed coupons keep discounting the renewals they were redeemed for).
use chrono::{Days, NaiveDate};
use sqlx::AnyPool;

use super::stored::{from_row, Row, COLUMNS};
use crate::backend::db::{is_unique_violation, ts};
use crate::backend::state::AppState;
use crate::domain::coupons::{CouponCode, CouponDuration};
use crate::domain::pricing::Discount;
use crate::domain::{Currency, DomainError, Money};
use crate::error::{AppError, Result};
use crate::wire::coupons::{CouponForm, CouponView};

/// Every coupon, oldest first.
pub async fn list(pool: &AnyPool) -> Result<Vec<CouponView>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM coupons c LEFT JOIN storefronts s ON s.id = c.storefront_id ORDER BY c.id"
    ))
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            let found = from_row(row)?;
            let c = found.coupon;
            Ok(CouponView {
                code: c.code.to_string(),
                discount: c.discount.label(),
                duration: c.duration,
                plan: c.plan_family.unwrap_or_default(),
                storefront: c.storefront.unwrap_or_default(),
                redemptions: match c.max_redemptions {
                    Some(max) => format!("{} of {max}", found.redeemed),
                    None => found.redeemed.to_string(),
                },
                // Stored as the first instant it no longer applies: the day before is the last.
                expires_on: c
                    .expires_at
                    .and_then(|t| t.date_naive().checked_sub_days(Days::new(1)))
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                active: c.active,
            })
        })
        .collect()
}

/// A new coupon, valid in every field (each error names its field).
struct NewCoupon {
    code: CouponCode,
    discount: Discount,
    duration: CouponDuration,
    plan: Option<String>,
    storefront_id: Option<i64>,
    max_redemptions: Option<i64>,
    expires_at: Option<String>,
}

fn in_field(field: &'static str) -> impl Fn(DomainError) -> AppError {
    move |e| AppError::from(e).in_field(field)
}

fn invalid(field: &str, message: &str) -> AppError {
    AppError::Invalid(message.into()).in_field(field)
}

async fn parse(pool: &AnyPool, form: &CouponForm) -> Result<NewCoupon> {
    let code = CouponCode::parse(&form.code).map_err(in_field("code"))?;
    let value = form.value.trim();
    let discount = match form.kind.trim() {
        "percent" => {
            // A percentage with up to two decimals is a whole number of basis points.
            let bp = Money::parse_decimal(value.trim_end_matches('%'), Currency::EUR)
                .map_err(|_| invalid("value", "Enter the percentage off, e.g. 10 or 12.5"))?;
            Discount::percent(u32::try_from(bp.minor).unwrap_or(0)).map_err(in_field("value"))?
        }
        "fixed" => {
            let currency = Currency::parse(form.currency.trim()).map_err(in_field("currency"))?;
            let amount = Money::parse_decimal(value, currency).map_err(in_field("value"))?;
            Discount::fixed(amount).map_err(in_field("value"))?
        }
        _ => return Err(invalid("kind", "Choose a percentage or a fixed amount")),
    };
    let duration = match form.duration.trim() {
        "once" => CouponDuration::Once,
        "forever" => CouponDuration::Forever,
        "periods" => {
            let n = form.periods.trim().parse::<u32>().unwrap_or(0);
            CouponDuration::periods(n).map_err(in_field("periods"))?
        }
        _ => {
            return Err(invalid(
                "duration",
                "Choose once, a number of periods or forever",
            ))
        }
    };
    let plan = match form.plan.trim() {
        "" => None,
        family => {
            let (n,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM plans WHERE code = $1 OR code LIKE $2")
                    .bind(family)
                    .bind(format!("{family}@%"))
                    .fetch_one(pool)
                    .await?;
            if n == 0 {
                return Err(invalid("plan", "There is no plan with this code"));
            }
            Some(family.to_string())
        }
    };
    let storefront_id = match form.storefront.trim() {
        "" => None,
        code => {
            let id: Option<(i64,)> = sqlx::query_as("SELECT id FROM storefronts WHERE code = $1")
                .bind(code)
                .fetch_optional(pool)
                .await?;
            Some(
                id.ok_or_else(|| invalid("storefront", "There is no storefront with this code"))?
                    .0,
            )
        }
    };
    let max_redemptions = match form.max_redemptions.trim() {
        "" => None,
        raw => Some(
            raw.parse::<u32>()
                .ok()
                .filter(|n| *n >= 1)
                .map(i64::from)
                .ok_or_else(|| {
                    invalid(
                        "max_redemptions",
                        "The redemption limit is a whole number from 1 up, or empty for none",
                    )
                })?,
        ),
    };
    let expires_at = match form.expires_on.trim() {
        "" => None,
        raw => {
            let day = NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
                invalid(
                    "expires_on",
                    "Enter the last day as YYYY-MM-DD, or leave it empty",
                )
            })?;
            // Redeemable through the whole last day (UTC): it ends at the next midnight.
            let end = day
                .checked_add_days(Days::new(1))
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|t| t.and_utc())
                .ok_or_else(|| invalid("expires_on", "This date is out of range"))?;
            Some(ts(end))
        }
    };
    Ok(NewCoupon {
        code,
        discount,
        duration,
        plan,
        storefront_id,
        max_redemptions,
        expires_at,
    })
}

/// Creates a coupon; a code already used is a conflict on the code field.
pub async fn create(st: &AppState, form: &CouponForm) -> Result<()> {
    let c = parse(&st.pool, form).await?;
    let (kind, bp, amount, currency) = match c.discount {
        Discount::Percent(bp) => ("percent", Some(i64::from(bp)), None, None),
        Discount::Fixed(m) => ("fixed", None, Some(m.minor), Some(m.currency.to_string())),
    };
    let periods = match c.duration {
        CouponDuration::Periods(n) => Some(i64::from(n)),
        _ => None,
    };
    let inserted = sqlx::query(
        "INSERT INTO coupons (code, kind, percent_basis_points, amount_minor, currency, duration, periods, plan_family, \
         storefront_id, max_redemptions, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(c.code.as_str())
    .bind(kind)
    .bind(bp)
    .bind(amount)
    .bind(currency)
    .bind(c.duration.as_str())
    .bind(periods)
    .bind(c.plan)
    .bind(c.storefront_id)
    .bind(c.max_redemptions)
    .bind(c.expires_at)
    .bind(ts(st.now()))
    .execute(&st.pool)
    .await;
    match inserted {
        Ok(_) => {
            tracing::info!(code = %c.code, "coupon created");
            Ok(())
        }
        Err(e) if is_unique_violation(&e, "coupons") => Err(AppError::Conflict(format!(
            "A coupon with the code {} exists already",
            c.code
        ))
        .in_field("code")),
        Err(e) => Err(e.into()),
    }
}

/// Stops a coupon from being redeemed again.
pub async fn deactivate(st: &AppState, code: &str) -> Result<()> {
    let code = CouponCode::parse(code).map_err(|_| AppError::NotFound)?;
    let done = sqlx::query("UPDATE coupons SET active = 0 WHERE code = $1")
        .bind(code.as_str())
        .execute(&st.pool)
        .await?
        .rows_affected();
    if done == 0 {
        return Err(AppError::NotFound);
    }
    tracing::info!(%code, "coupon deactivated");
    Ok(())
}
