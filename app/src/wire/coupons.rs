//! Coupons as the operator edits them and as the checkout prices with them.
use serde::{Deserialize, Serialize};

use crate::domain::coupons::{CouponCode, CouponDuration};
use crate::domain::pricing::Discount;

/// The operator's form for a new coupon, as typed (checked by the backend, field by field).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouponForm {
    /// What customers type (upper-cased).
    pub code: String,
    /// `percent` or `fixed`.
    pub kind: String,
    /// The percentage ("10", "12.5") or the amount ("5.00").
    pub value: String,
    /// The amount's currency (fixed only).
    #[serde(default)]
    pub currency: String,
    /// `once`, `periods` or `forever`.
    pub duration: String,
    /// How many periods (for `periods`).
    #[serde(default)]
    pub periods: String,
    /// Only for this plan family's code (empty: every plan).
    #[serde(default)]
    pub plan: String,
    /// Only on this storefront's code (empty: every storefront).
    #[serde(default)]
    pub storefront: String,
    /// At most this many redemptions (empty: no limit).
    #[serde(default)]
    pub max_redemptions: String,
    /// Last day it can be redeemed, `YYYY-MM-DD`, UTC (empty: no expiry).
    #[serde(default)]
    pub expires_on: String,
}

/// A coupon in the operator's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouponView {
    /// Its code.
    pub code: String,
    /// The discount in words ("10%", "EUR 5.00").
    pub discount: String,
    /// How long it discounts.
    pub duration: CouponDuration,
    /// Plan family it is limited to (empty: any).
    pub plan: String,
    /// Storefront it is limited to (empty: any).
    pub storefront: String,
    /// Redemptions, "3 of 10" (or "3" without a limit).
    pub redemptions: String,
    /// Last day it can be redeemed (empty: no expiry).
    pub expires_on: String,
    /// Whether it can still be redeemed.
    pub active: bool,
}

/// What the checkout needs to price an order with a coupon, by the same domain code the server
/// bills with; the server decides again when the order is placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouponTerms {
    /// The code as stored.
    pub code: CouponCode,
    /// How much it takes off.
    pub discount: Discount,
    /// For how many periods.
    pub duration: CouponDuration,
}
