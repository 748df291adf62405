//! Checked integer arithmetic in minor units, shared by tax, quotes and proration.

use crate::domain::{Currency, DomainError, Money};

/// `numerator / denominator` rounded to the nearest integer, halves away from zero.
/// `denominator` must be positive.
pub(super) fn div_round_half_away(numerator: i128, denominator: i128) -> i128 {
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    if remainder.abs() * 2 >= denominator {
        quotient + numerator.signum()
    } else {
        quotient
    }
}

pub(super) fn to_money(minor: i128, currency: Currency) -> Result<Money, DomainError> {
    i64::try_from(minor)
        .map(|minor| Money::new(minor, currency))
        .map_err(|_| too_large())
}

pub(super) fn too_large() -> DomainError {
    DomainError::invalid("Amount is too large")
}
