//! A coupon's terms, whether it may be redeemed on a sale, and which periods it discounts.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::CouponCode;
use crate::domain::pricing::{discounted, ChangeQuote, Discount, Quote};
use crate::domain::{Currency, DomainError};

/// For how many billing periods a redeemed coupon discounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "duration", content = "periods")]
pub enum CouponDuration {
    /// The first period only.
    Once,
    /// The first `n` periods (n >= 1), the order's included.
    Periods(u32),
    /// Every period.
    Forever,
}

impl CouponDuration {
    /// A duration of `n` periods; fails for 0.
    pub fn periods(n: u32) -> Result<CouponDuration, DomainError> {
        match n {
            0 => Err(DomainError::invalid(
                "A coupon for a number of periods needs at least 1",
            )),
            n => Ok(CouponDuration::Periods(n)),
        }
    }

    /// Whether the `k`-th billed period is discounted (0: the order's own period, 1: the first
    /// renewal, ...).
    pub fn applies_to_period(self, k: u32) -> bool {
        match self {
            CouponDuration::Once => k == 0,
            CouponDuration::Periods(n) => k < n,
            CouponDuration::Forever => true,
        }
    }

    /// The renewals still discounted after the order's period (`None`: every one).
    pub fn renewals_after_order(self) -> Option<u32> {
        match self {
            CouponDuration::Once => Some(0),
            CouponDuration::Periods(n) => Some(n.saturating_sub(1)),
            CouponDuration::Forever => None,
        }
    }

    /// Stored name: `once`, `periods` or `forever`.
    pub fn as_str(self) -> &'static str {
        match self {
            CouponDuration::Once => "once",
            CouponDuration::Periods(_) => "periods",
            CouponDuration::Forever => "forever",
        }
    }
}

/// A coupon as the operator set it up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coupon {
    /// What customers type.
    pub code: CouponCode,
    /// How much it takes off.
    pub discount: Discount,
    /// For how many periods.
    pub duration: CouponDuration,
    /// Only for this plan family (e.g. `erp-business`), when set.
    pub plan_family: Option<String>,
    /// Only on this storefront (its code; empty for the default one), when set.
    pub storefront: Option<String>,
    /// At most this many redemptions, when set.
    pub max_redemptions: Option<u32>,
    /// Redeemable before this instant only, when set.
    pub expires_at: Option<DateTime<Utc>>,
    /// Whether it may still be redeemed (deactivated coupons keep discounting their renewals).
    pub active: bool,
}

/// What a coupon is being redeemed on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sale<'a> {
    /// The plan's family code.
    pub plan_family: &'a str,
    /// The storefront's code.
    pub storefront: &'a str,
    /// The order's currency.
    pub currency: Currency,
    /// Now.
    pub now: DateTime<Utc>,
}

/// Why a coupon cannot be redeemed; each has its message in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// No such coupon, or deactivated.
    Unknown,
    /// Past its expiry.
    Expired,
    /// Its redemptions are used up.
    UsedUp,
    /// For another plan.
    OtherPlan,
    /// For another storefront.
    OtherStorefront,
    /// A fixed amount in another currency.
    OtherCurrency,
}

impl Refusal {
    /// The catalogue key of the customer's message.
    pub fn message_key(self) -> &'static str {
        match self {
            Refusal::Unknown => "coupon-error-unknown",
            Refusal::Expired => "coupon-error-expired",
            Refusal::UsedUp => "coupon-error-used-up",
            Refusal::OtherPlan => "coupon-error-other-plan",
            Refusal::OtherStorefront => "coupon-error-other-storefront",
            Refusal::OtherCurrency => "coupon-error-other-currency",
        }
    }
}

impl Coupon {
    /// Whether the coupon may be redeemed on `sale` after `redeemed` redemptions. The database
    /// makes the final decision on the count (a conditional update); this says why not.
    pub fn check(&self, sale: &Sale<'_>, redeemed: u32) -> Result<(), Refusal> {
        if !self.active {
            return Err(Refusal::Unknown);
        }
        if self.expires_at.is_some_and(|end| sale.now >= end) {
            return Err(Refusal::Expired);
        }
        if self.max_redemptions.is_some_and(|max| redeemed >= max) {
            return Err(Refusal::UsedUp);
        }
        if self
            .plan_family
            .as_deref()
            .is_some_and(|p| p != sale.plan_family)
        {
            return Err(Refusal::OtherPlan);
        }
        if self
            .storefront
            .as_deref()
            .is_some_and(|s| s != sale.storefront)
        {
            return Err(Refusal::OtherStorefront);
        }
        match self.discount {
            Discount::Fixed(m) if m.currency != sale.currency => Err(Refusal::OtherCurrency),
            _ => Ok(()),
        }
    }

    /// `quote` of the `k`-th billed period (0: the order's) with the coupon applied when it
    /// applies to that period, at the quote's tax rate; the renewal price shown with it is
    /// discounted when the next period is too.
    pub fn apply(
        &self,
        quote: Quote,
        k: u32,
        tax_rate_basis_points: u32,
    ) -> Result<Quote, DomainError> {
        if !self.duration.applies_to_period(k) {
            return Ok(quote);
        }
        apply_terms(
            quote,
            &self.code,
            &self.discount,
            self.duration,
            k,
            tax_rate_basis_points,
        )
    }
}

impl Coupon {
    /// `quote` of a renewal with the coupon taken off, for a redemption with `periods_left`
    /// renewals still discounted (`None`: every one, `Some(0)`: none); the renewal price shown
    /// with it is discounted when the renewal after this one will be too.
    pub fn apply_to_renewal(
        &self,
        quote: Quote,
        periods_left: Option<u32>,
        tax_rate_basis_points: u32,
    ) -> Result<Quote, DomainError> {
        if periods_left == Some(0) {
            return Ok(quote);
        }
        discounted(
            quote,
            &self.discount,
            line_description(&self.code, &self.discount),
            tax_rate_basis_points,
            periods_left.is_none_or(|n| n > 1),
        )
    }
}

impl Coupon {
    /// A portal change's quote with the coupon taken off what the change charges; the renewal
    /// price shown with it is discounted when the coupon runs on after the change's order.
    pub fn apply_to_change(
        &self,
        quote: ChangeQuote,
        tax_rate_basis_points: u32,
    ) -> Result<ChangeQuote, DomainError> {
        quote.discounted(
            &self.discount,
            line_description(&self.code, &self.discount),
            tax_rate_basis_points,
            self.duration.applies_to_period(1),
        )
    }
}

/// The discount line's text on quotes and invoices, e.g. `"Coupon SAVE10 (10%)"`.
fn line_description(code: &CouponCode, discount: &Discount) -> String {
    format!("Coupon {code} ({})", discount.label())
}

/// `quote` of the `k`-th period with `discount` of coupon `code` taken off (see
/// [`Coupon::apply`]); for callers that hold only the coupon's terms, such as the checkout page.
pub fn apply_terms(
    quote: Quote,
    code: &CouponCode,
    discount: &Discount,
    duration: CouponDuration,
    k: u32,
    tax_rate_basis_points: u32,
) -> Result<Quote, DomainError> {
    if !duration.applies_to_period(k) {
        return Ok(quote);
    }
    discounted(
        quote,
        discount,
        line_description(code, discount),
        tax_rate_basis_points,
        duration.applies_to_period(k + 1),
    )
}
