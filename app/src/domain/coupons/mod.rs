//! Coupons: a code customers type at checkout for a discount off the subtotal before tax, for the
//! first period, a number of periods or for ever, possibly only for one plan family or one
//! storefront, until a redemption limit or an expiry. Pure rules; the price itself is computed by
//! [`crate::domain::pricing::discounted`], the one place every quote is discounted.

mod code;
mod rules;

pub use code::CouponCode;
pub use rules::{apply_terms, Coupon, CouponDuration, Refusal, Sale};

#[cfg(test)]
mod tests;
