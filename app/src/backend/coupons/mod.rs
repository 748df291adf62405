//! Coupons in the database: found by code for a checkout, redeemed in the order's transaction by
//! one conditional update (the database decides who gets the last redemption), counted down by
//! renewals, and managed by the operator ([`admin`]).
pub mod admin;
mod stored;

use sqlx::{AnyConnection, AnyPool};

use super::db::ts;
use crate::domain::coupons::{Coupon, CouponCode, Refusal, Sale};
use crate::error::{AppError, Result};
use crate::i18n::{tr, tr_args, Locale};
use crate::wire::coupons::CouponTerms;
pub use stored::{Found, RenewalCoupon};

/// The form field coupon errors are said of.
pub const FIELD: &str = "coupon";

/// A refusal as the customer reads it, said of the coupon field.
pub fn refused(refusal: Refusal, coupon: Option<&Coupon>, locale: Locale) -> AppError {
    let message = match (refusal, coupon) {
        (Refusal::OtherCurrency, Some(c)) => match c.discount {
            crate::domain::pricing::Discount::Fixed(m) => tr_args(
                locale,
                refusal.message_key(),
                &[("currency", m.currency.to_string())],
            ),
            _ => tr(locale, refusal.message_key()),
        },
        _ => tr(locale, refusal.message_key()),
    };
    AppError::Invalid(message).in_field(FIELD)
}

/// The coupon typed at a checkout (blank: none), checked against the sale: a clear error on the
/// coupon field when it is malformed, unknown or cannot be redeemed on this sale right now.
pub async fn for_sale(
    pool: &AnyPool,
    typed: &str,
    sale: &Sale<'_>,
    locale: Locale,
) -> Result<Option<Found>> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    let code = CouponCode::parse(typed)
        .map_err(|_| AppError::Invalid(tr(locale, "coupon-error-format")).in_field(FIELD))?;
    let mut conn = pool.acquire().await?;
    let found = stored::by_code(&mut conn, &code)
        .await?
        .ok_or_else(|| refused(Refusal::Unknown, None, locale))?;
    found
        .coupon
        .check(sale, found.redeemed)
        .map_err(|r| refused(r, Some(&found.coupon), locale))?;
    Ok(Some(found))
}

/// The terms of the coupon typed at a checkout, for the page to price with.
pub async fn terms_for_sale(
    pool: &AnyPool,
    typed: &str,
    sale: &Sale<'_>,
    locale: Locale,
) -> Result<Option<CouponTerms>> {
    Ok(for_sale(pool, typed, sale, locale)
        .await?
        .map(|f| CouponTerms {
            code: f.coupon.code,
            discount: f.coupon.discount,
            duration: f.coupon.duration,
        }))
}

/// Who redeems a coupon with which order.
pub struct Redemption {
    /// The coupon's id.
    pub coupon_id: i64,
    /// The order placed with it.
    pub order_id: i64,
    /// Its customer.
    pub customer_id: i64,
    /// The tenant whose renewals it discounts.
    pub tenant_id: i64,
}

/// Redeems a coupon in the order's transaction. One conditional update raises the count only
/// while redemptions are left, the coupon is active and not expired, so of any number of
/// checkouts at once exactly as many as were left succeed; the others get the reason, said of
/// the coupon field, and their whole order is rolled back.
pub async fn redeem(
    conn: &mut AnyConnection,
    sale: &Sale<'_>,
    found: &Found,
    r: &Redemption,
    locale: Locale,
) -> Result<()> {
    let now = sale.now;
    let claimed = sqlx::query(
        "UPDATE coupons SET redeemed_count = redeemed_count + 1 WHERE id = $1 AND active = 1 \
         AND (max_redemptions IS NULL OR redeemed_count < max_redemptions) \
         AND (expires_at IS NULL OR expires_at > $2)",
    )
    .bind(r.coupon_id)
    .bind(ts(now))
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if claimed == 0 {
        // Say why as of now; whatever else changed, a count that ran out is the usual reason.
        let why = match stored::by_code(conn, &found.coupon.code).await? {
            Some(now_found) => match now_found.coupon.check(sale, now_found.redeemed) {
                Err(refusal) => refusal,
                Ok(()) => Refusal::UsedUp,
            },
            None => Refusal::Unknown,
        };
        return Err(refused(why, Some(&found.coupon), locale));
    }
    let periods_left = found.coupon.duration.renewals_after_order().map(i64::from);
    sqlx::query(
        "INSERT INTO coupon_redemptions (coupon_id, order_id, customer_id, tenant_id, periods_left, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(r.coupon_id)
    .bind(r.order_id)
    .bind(r.customer_id)
    .bind(r.tenant_id)
    .bind(periods_left)
    .bind(ts(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The coupon still discounting a tenant's renewals, with its redemption's id: the newest
/// redemption with periods left (or for ever). A deactivated or expired coupon keeps
/// discounting what it was redeemed for.
pub async fn for_renewal(pool: &AnyPool, tenant_id: i64) -> Result<Option<RenewalCoupon>> {
    let mut conn = pool.acquire().await?;
    stored::for_renewal(&mut conn, tenant_id).await
}

/// Counts a renewal's period down, in the renewal's transaction; a redemption without periods
/// left (another server's renewal took the last one) fails so the renewal is priced again.
pub async fn count_down(conn: &mut AnyConnection, redemption_id: i64) -> Result<()> {
    let done = sqlx::query(
        "UPDATE coupon_redemptions SET periods_left = periods_left - 1 \
         WHERE id = $1 AND periods_left > 0",
    )
    .bind(redemption_id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let forever: (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM coupon_redemptions WHERE id = $1 AND periods_left IS NULL",
    )
    .bind(redemption_id)
    .fetch_one(&mut *conn)
    .await?;
    if done == 0 && forever.0 == 0 {
        return Err(AppError::Conflict("the coupon's periods are used".into()));
    }
    Ok(())
}
