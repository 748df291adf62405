//! Splitting a period's price into the used and the unused part.

use super::arith::{div_round_half_away, to_money};
use crate::domain::{DomainError, Money};

/// Splits `amount` for a period of `days_in_period` days of which `days_used` have
/// been used, returning `(used, unused)`.
///
/// The used part is rounded half up (half away from zero for negative amounts) and
/// `used + unused == amount` exactly. Fails if the period has no days or more days
/// were used than it has.
pub fn prorate(
    amount: Money,
    days_used: u32,
    days_in_period: u32,
) -> Result<(Money, Money), DomainError> {
    if days_in_period == 0 {
        return Err(DomainError::invalid(
            "A billing period must last at least one day",
        ));
    }
    if days_used > days_in_period {
        return Err(DomainError::invalid(format!(
            "{days_used} days cannot have been used in a period of {days_in_period} days"
        )));
    }
    let total = i128::from(amount.minor);
    let used = div_round_half_away(total * i128::from(days_used), i128::from(days_in_period));
    Ok((
        to_money(used, amount.currency)?,
        to_money(total - used, amount.currency)?,
    ))
}
