//! A partial credit note's lines and tax, in proportion to the invoice it credits.
//!
//! Rounding: the tax share is `invoice tax * credit / invoice total`, rounded half up; the rest
//! of the credit is its subtotal, spread over the invoice's lines in proportion to each, rounded
//! down, and the few minor units rounding lost go one each to the lines it cut most (largest
//! remainders). So lines + tax always sum
//! to the credit exactly, and a full credit reproduces the invoice's lines and tax.
use crate::domain::DomainError;

/// A credit note's amounts, in minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditSplit {
    /// One amount per invoice line (same order), summing to `subtotal`.
    pub lines: Vec<i64>,
    /// Before tax.
    pub subtotal: i64,
    /// Tax credited.
    pub tax: i64,
    /// What the credit note gives back: `subtotal + tax`.
    pub total: i64,
}

/// Splits `credit` (0 < credit <= the invoice's total) over an invoice's lines (before tax,
/// summing to `subtotal`) and its tax. Without lines, `lines` is empty and the caller prints one
/// line of `subtotal`.
pub fn split_credit(
    lines: &[i64],
    subtotal: i64,
    tax: i64,
    credit: i64,
) -> Result<CreditSplit, DomainError> {
    let total = subtotal + tax;
    if credit <= 0 || credit > total {
        return Err(DomainError::invalid(
            "A credit must be positive and at most the invoice's total",
        ));
    }
    let share = |part: i64| -> i128 {
        let (n, d) = (i128::from(part) * i128::from(credit), i128::from(total));
        // Half up; n and d are non-negative here.
        (2 * n + d) / (2 * d)
    };
    let credit_tax = i64::try_from(share(tax)).map_err(|_| too_large())?;
    let credit_sub = credit - credit_tax;
    // Each line's exact share, as its floor and the remainder (over `subtotal`) rounding lost.
    let shares: Vec<(i64, i128)> = if subtotal == 0 {
        vec![(0, 0); lines.len()]
    } else {
        lines
            .iter()
            .map(|&l| {
                let (n, d) = (i128::from(l) * i128::from(credit_sub), i128::from(subtotal));
                let floor = i64::try_from(n.div_euclid(d)).map_err(|_| too_large())?;
                Ok((floor, n.rem_euclid(d)))
            })
            .collect::<Result<_, DomainError>>()?
    };
    let mut amounts: Vec<i64> = shares.iter().map(|s| s.0).collect();
    // Largest remainders first: each line ends at its share rounded down or up, never past it.
    let lost = usize::try_from(credit_sub - amounts.iter().sum::<i64>()).unwrap_or(0);
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(shares[i].1), i));
    for &i in order.iter().take(lost) {
        amounts[i] += 1;
    }
    Ok(CreditSplit {
        lines: amounts,
        subtotal: credit_sub,
        tax: credit_tax,
        total: credit,
    })
}

fn too_large() -> DomainError {
    DomainError::invalid("The amount is too large")
}
