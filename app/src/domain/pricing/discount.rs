//! A discount (a coupon's) taken off a quote's subtotal before tax, as a line of its own: the
//! checkout's live price, the order, its invoice and every renewal price it through here.

use serde::{Deserialize, Serialize};

use super::arith::{div_round_half_away, to_money};
use super::quote::{LineKind, Quote, QuoteLine};
use super::tax::{percent_label, tax_on};
use crate::domain::{DomainError, Money};

/// Basis points in 100 %.
const WHOLE: u32 = 10_000;

/// How much a discount takes off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Discount {
    /// A share of the subtotal in basis points (1..=10 000; 1000 = 10 %).
    Percent(u32),
    /// A fixed amount, only in its own currency.
    Fixed(Money),
}

impl Discount {
    /// A percentage discount; fails outside 0.01 %..=100 %.
    pub fn percent(basis_points: u32) -> Result<Discount, DomainError> {
        if (1..=WHOLE).contains(&basis_points) {
            Ok(Discount::Percent(basis_points))
        } else {
            Err(DomainError::invalid(
                "A percentage discount must be more than 0 % and at most 100 %",
            ))
        }
    }

    /// A fixed discount; fails unless the amount is above zero.
    pub fn fixed(amount: Money) -> Result<Discount, DomainError> {
        if amount.minor > 0 {
            Ok(Discount::Fixed(amount))
        } else {
            Err(DomainError::invalid(
                "A fixed discount must be more than zero",
            ))
        }
    }

    /// What it takes off `base` (a subtotal before tax): never below zero nor above `base`.
    /// Fails for a fixed amount in another currency.
    pub fn off(&self, base: Money) -> Result<Money, DomainError> {
        let positive = base.minor.max(0);
        let minor = match *self {
            Discount::Percent(bp) => {
                let share = div_round_half_away(
                    i128::from(positive) * i128::from(bp.min(WHOLE)),
                    i128::from(WHOLE),
                );
                to_money(share, base.currency)?.minor
            }
            Discount::Fixed(amount) => {
                if amount.currency != base.currency {
                    return Err(DomainError::invalid(format!(
                        "This discount is in {}; the order is in {}",
                        amount.currency, base.currency
                    )));
                }
                amount.minor.clamp(0, positive)
            }
        };
        Ok(Money::new(minor.min(positive), base.currency))
    }

    /// The discount in words, e.g. `"10%"` or `"EUR 5.00"`.
    pub fn label(&self) -> String {
        match self {
            Discount::Percent(bp) => percent_label(*bp),
            Discount::Fixed(m) => format!(
                "{} {}.{:02}",
                m.currency,
                m.minor / 100,
                (m.minor % 100).abs()
            ),
        }
    }
}

/// `quote` with `discount` taken off its subtotal before tax as a [`LineKind::Discount`] line
/// (negative, described by `description`), tax recomputed at `tax_rate_basis_points` and the
/// total with it. When `renewals_too`, the renewal price (`recurring_*`) is discounted the same
/// way, so the price shown for the next period is the one that will be billed.
///
/// The lines still sum to the total; `setup_total` and `first_period_total` keep the list prices,
/// so `subtotal` is their sum less the discount.
pub fn discounted(
    quote: Quote,
    discount: &Discount,
    description: String,
    tax_rate_basis_points: u32,
    renewals_too: bool,
) -> Result<Quote, DomainError> {
    let off = discount.off(quote.subtotal)?;
    let (recurring_subtotal, recurring_tax, recurring_total) = if renewals_too {
        let less = discount.off(quote.recurring_subtotal)?;
        let sub = Money::new(quote.recurring_subtotal.minor - less.minor, quote.currency);
        let tax = tax_on(sub, tax_rate_basis_points)?;
        (sub, tax, sub.checked_add(&tax)?)
    } else {
        (
            quote.recurring_subtotal,
            quote.recurring_tax,
            quote.recurring_total,
        )
    };
    if off.is_zero() {
        return Ok(Quote {
            recurring_subtotal,
            recurring_tax,
            recurring_total,
            ..quote
        });
    }
    let (mut lines, taxes): (Vec<QuoteLine>, Vec<QuoteLine>) = quote
        .lines
        .into_iter()
        .partition(|l| l.kind != LineKind::Tax);
    let amount = Money::new(-off.minor, quote.currency);
    lines.push(QuoteLine {
        kind: LineKind::Discount,
        description,
        quantity: 1,
        unit_price: amount,
        amount,
    });
    let subtotal = quote.subtotal.checked_add(&amount)?;
    let tax = tax_on(subtotal, tax_rate_basis_points)?;
    // The tax line keeps its description (the rate in words); only its amount changes.
    if let Some(line) = taxes.into_iter().next() {
        lines.push(QuoteLine {
            unit_price: tax,
            amount: tax,
            ..line
        });
    } else if tax_rate_basis_points > 0 {
        lines.push(QuoteLine {
            kind: LineKind::Tax,
            description: format!("Tax ({})", percent_label(tax_rate_basis_points)),
            quantity: 1,
            unit_price: tax,
            amount: tax,
        });
    }
    Ok(Quote {
        lines,
        subtotal,
        tax,
        total: subtotal.checked_add(&tax)?,
        recurring_subtotal,
        recurring_tax,
        recurring_total,
        ..quote
    })
}
