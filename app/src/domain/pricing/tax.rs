//! Tax on an amount at a rate in basis points, rounded once, half up.

use super::arith::{div_round_half_away, to_money};
use crate::domain::{DomainError, Money};

/// Highest accepted tax rate, in basis points (10 000 = 100 %).
pub const MAX_TAX_RATE_BASIS_POINTS: u32 = 10_000;

/// Basis points in 100 %.
const BASIS_POINTS: i128 = 10_000;

/// Tax on `amount` at `rate_basis_points` (2000 = 20 %), rounded half up
/// (half away from zero for negative amounts). Rates above 100 % are refused.
pub fn tax_on(amount: Money, rate_basis_points: u32) -> Result<Money, DomainError> {
    check_tax_rate(rate_basis_points)?;
    let tax = div_round_half_away(
        i128::from(amount.minor) * i128::from(rate_basis_points),
        BASIS_POINTS,
    );
    to_money(tax, amount.currency)
}

/// Formats basis points as a percentage, e.g. `"20%"`, `"19.5%"`, `"8.25%"`.
pub fn percent_label(basis_points: u32) -> String {
    let (whole, fraction) = (basis_points / 100, basis_points % 100);
    if fraction == 0 {
        format!("{whole}%")
    } else if fraction % 10 == 0 {
        format!("{whole}.{}%", fraction / 10)
    } else {
        format!("{whole}.{fraction:02}%")
    }
}

pub(super) fn check_tax_rate(rate_basis_points: u32) -> Result<(), DomainError> {
    if rate_basis_points > MAX_TAX_RATE_BASIS_POINTS {
        return Err(DomainError::invalid(format!(
            "A tax rate of {} is not allowed; it must be at most 100%",
            percent_label(rate_basis_points)
        )));
    }
    Ok(())
}
