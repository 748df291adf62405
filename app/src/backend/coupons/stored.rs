//! Reading coupons back into the domain's [`Coupon`].
use sqlx::AnyConnection;

use crate::backend::db::parse_ts;
use crate::domain::coupons::{Coupon, CouponCode, CouponDuration};
use crate::domain::pricing::Discount;
use crate::domain::{Currency, Money};
use crate::error::{AppError, Result};

/// A stored coupon with its id and how often it was redeemed.
#[derive(Debug, Clone)]
pub struct Found {
    /// Its id.
    pub id: i64,
    /// Its terms.
    pub coupon: Coupon,
    /// Redemptions so far.
    pub redeemed: u32,
}

/// A redeemed coupon that still discounts a tenant's renewals.
#[derive(Debug, Clone)]
pub struct RenewalCoupon {
    /// The redemption, counted down by each renewal.
    pub redemption_id: i64,
    /// The coupon.
    pub coupon: Coupon,
    /// Renewals still discounted (`None`: every one).
    pub periods_left: Option<u32>,
}

/// Columns of a coupon, its storefront's code joined in (`c` and `s`).
pub(super) const COLUMNS: &str =
    "c.id, c.code, c.kind, c.percent_basis_points, c.amount_minor, c.currency, c.duration, \
     c.periods, c.plan_family, s.code, c.max_redemptions, c.redeemed_count, c.expires_at, c.active";

/// A coupon row as read with [`COLUMNS`].
pub(super) type Row = (
    i64,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<String>,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<i64>,
    i64,
    Option<String>,
    i64,
);

/// The coupon a row holds; a row the migrations' checks should have made impossible is an
/// internal error, logged.
pub(super) fn from_row(row: Row) -> Result<Found> {
    let (
        id,
        code,
        kind,
        bp,
        amount,
        currency,
        duration,
        periods,
        plan,
        storefront,
        max,
        redeemed,
        expires,
        active,
    ) = row;
    let corrupt = |what: &str| {
        tracing::error!(coupon = id, what, "stored coupon is inconsistent");
        AppError::Internal
    };
    let discount = match (kind.as_str(), bp, amount, currency) {
        ("percent", Some(bp), _, _) => {
            Discount::Percent(u32::try_from(bp).map_err(|_| corrupt("percent"))?)
        }
        ("fixed", _, Some(minor), Some(cur)) => Discount::Fixed(Money::new(
            minor,
            Currency::parse(&cur).map_err(|_| corrupt("currency"))?,
        )),
        _ => return Err(corrupt("kind")),
    };
    let duration = match (duration.as_str(), periods) {
        ("once", _) => CouponDuration::Once,
        ("forever", _) => CouponDuration::Forever,
        ("periods", Some(n)) => {
            CouponDuration::Periods(u32::try_from(n).map_err(|_| corrupt("periods"))?)
        }
        _ => return Err(corrupt("duration")),
    };
    Ok(Found {
        id,
        coupon: Coupon {
            code: CouponCode::parse(&code).map_err(|_| corrupt("code"))?,
            discount,
            duration,
            plan_family: plan,
            storefront,
            max_redemptions: max.and_then(|m| u32::try_from(m).ok()),
            expires_at: expires.as_deref().and_then(parse_ts),
            active: active == 1,
        },
        redeemed: u32::try_from(redeemed).unwrap_or(u32::MAX),
    })
}

/// The coupon with `code`, if there is one.
pub(super) async fn by_code(conn: &mut AnyConnection, code: &CouponCode) -> Result<Option<Found>> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM coupons c LEFT JOIN storefronts s ON s.id = c.storefront_id WHERE c.code = $1"
    ))
    .bind(code.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    row.map(from_row).transpose()
}

/// The newest redemption of a tenant that still discounts renewals, and its coupon.
pub(super) async fn for_renewal(
    conn: &mut AnyConnection,
    tenant_id: i64,
) -> Result<Option<RenewalCoupon>> {
    let redemption: Option<(i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, coupon_id, periods_left FROM coupon_redemptions WHERE tenant_id = $1 \
         AND (periods_left IS NULL OR periods_left > 0) ORDER BY id DESC LIMIT 1",
    )
    .bind(tenant_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((redemption_id, coupon_id, periods_left)) = redemption else {
        return Ok(None);
    };
    let row: Row = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM coupons c LEFT JOIN storefronts s ON s.id = c.storefront_id WHERE c.id = $1"
    ))
    .bind(coupon_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(Some(RenewalCoupon {
        redemption_id,
        coupon: from_row(row)?.coupon,
        periods_left: periods_left.map(|n| u32::try_from(n).unwrap_or(0)),
    }))
}
