//! Changing a running subscription: the prorated price of an upgrade, downgrade or add-on bought
//! mid-period, and the price of a renewal.
//!
//! A change keeps the billing period (its length changes at renewal only). The customer is
//! credited the unused part of the current configuration's period price and charged the unused
//! part of the new one's, plus the setup fees of what the change adds. A negative total is a credit.

use serde::{Deserialize, Serialize};

use super::quote::{quote, LineKind, Quote, QuoteLine};
use super::tax::{percent_label, tax_on};
use super::{prorate, PricedPlan, Selection};
use crate::domain::order_flow::OrderKind;
use crate::domain::{DomainError, Money};

/// Where the subscription stands in its period when it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodPosition {
    /// Whole days of the period already used.
    pub days_used: u32,
    /// Days in the whole period.
    pub days_in_period: u32,
}

/// What was invoiced for the current configuration's service, before tax and setup fees, and the
/// days at the end of the period that amount covers (the whole period, or the rest of it after
/// an earlier change). A change credits the unused part of this, never more than was paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaidPeriod {
    /// The amount invoiced.
    pub amount: Money,
    /// How many days, up to the period's end, it pays for.
    pub days: u32,
}

/// The priced change, and the price of every renewal after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeQuote {
    /// Upgrade, downgrade or add-on.
    pub kind: OrderKind,
    /// Credit for the unused time (negative), the new configuration for the same time, setup fees
    /// of what is added, and tax; their amounts sum to `total`.
    pub lines: Vec<QuoteLine>,
    /// Sum of the lines before tax; negative when the change is a credit.
    pub subtotal: Money,
    /// Tax on `subtotal`, with its sign.
    pub tax: Money,
    /// Due now when positive; credited to the customer when negative.
    pub total: Money,
    /// The new configuration's renewal price, taxed.
    pub renewal: Quote,
}

impl ChangeQuote {
    /// The new configuration's price for the rest of the period, before tax: what the
    /// subscription has paid for its service once the change is applied.
    pub fn service_for_rest_of_period(&self) -> Money {
        self.lines
            .iter()
            .find(|l| l.kind == LineKind::Prorated)
            .map_or(Money::zero(self.total.currency), |l| l.amount)
    }

    /// The change with `discount` taken off what it charges (its subtotal before tax, when
    /// positive) as a [`LineKind::Discount`] line described by `description`, tax recomputed at
    /// `tax_rate_basis_points`. With `renewal_too`, the renewal price shown with it is discounted
    /// the same way. A change with nothing to pay is refused: there is nothing to take off.
    pub fn discounted(
        self,
        discount: &super::Discount,
        description: String,
        tax_rate_basis_points: u32,
        renewal_too: bool,
    ) -> Result<ChangeQuote, DomainError> {
        if self.total.minor <= 0 {
            return Err(DomainError::invalid(
                "A coupon takes money off a change you pay for; this one costs nothing.",
            ));
        }
        let off = discount.off(self.subtotal)?;
        let renewal = if renewal_too {
            super::discounted(
                self.renewal,
                discount,
                description.clone(),
                tax_rate_basis_points,
                true,
            )?
        } else {
            self.renewal
        };
        let mut lines: Vec<QuoteLine> = self
            .lines
            .into_iter()
            .filter(|l| l.kind != LineKind::Tax)
            .collect();
        lines.push(line(
            LineKind::Discount,
            description,
            Money::new(-off.minor, off.currency),
        ));
        let subtotal = Money::new(self.subtotal.minor - off.minor, self.subtotal.currency);
        let tax = signed_tax(subtotal, tax_rate_basis_points)?;
        if !tax.is_zero() {
            lines.push(line(LineKind::Tax, tax_label(tax_rate_basis_points), tax));
        }
        Ok(ChangeQuote {
            kind: self.kind,
            lines,
            subtotal,
            tax,
            total: subtotal.checked_add(&tax)?,
            renewal,
        })
    }

    /// What a discount line takes off the change (zero without one).
    pub fn discount(&self) -> Money {
        self.lines
            .iter()
            .filter(|l| l.kind == LineKind::Discount)
            .fold(Money::zero(self.total.currency), |sum, l| {
                Money::new(sum.minor - l.amount.minor, sum.currency)
            })
    }

    /// The change as a quote to invoice; only for a change with something to pay.
    pub fn invoice_quote(&self) -> Option<Quote> {
        (self.total.minor > 0).then(|| Quote {
            lines: self.lines.clone(),
            setup_total: Money::zero(self.total.currency),
            first_period_total: self.subtotal,
            subtotal: self.subtotal,
            tax: self.tax,
            total: self.total,
            ..self.renewal.clone()
        })
    }
}

/// Prices moving from `old_plan` with `old_sel` to `new_plan` with `new_sel` at `at` in the period,
/// crediting the unused part of what was `paid` for the period.
///
/// Fails when nothing changes, the period length or the currency differs, the new selection is
/// not sold with the new plan, or an amount overflows.
pub fn change_quote(
    (old_plan, old_sel): (&PricedPlan, &Selection),
    (new_plan, new_sel): (&PricedPlan, &Selection),
    at: PeriodPosition,
    paid: PaidPeriod,
    tax_rate_basis_points: u32,
) -> Result<ChangeQuote, DomainError> {
    if old_plan.currency != new_plan.currency {
        return Err(DomainError::invalid(format!(
            "This plan is priced in {}; your subscription is billed in {}",
            new_plan.currency, old_plan.currency
        )));
    }
    if old_sel.period_months != new_sel.period_months {
        return Err(DomainError::invalid(format!(
            "A change keeps your billing period of {} month(s); the period changes at renewal",
            old_sel.period_months
        )));
    }
    if old_plan.code == new_plan.code && same_selection(old_sel, new_sel) {
        return Err(DomainError::invalid("This is already your subscription"));
    }
    let old = renewal_quote(old_plan, old_sel, 0)?;
    let new = renewal_quote(new_plan, new_sel, tax_rate_basis_points)?;
    let new_untaxed = renewal_quote(new_plan, new_sel, 0)?;
    if paid.amount.currency != old_plan.currency {
        return Err(DomainError::invalid(
            "The amount paid is in another currency",
        ));
    }
    let remaining = at.days_in_period.saturating_sub(at.days_used);
    let paid_days = paid.days.max(remaining);
    let (_, credit) = prorate(paid.amount, paid_days - remaining, paid_days.max(1))?;
    let (_, charge) = prorate(new_untaxed.subtotal, at.days_used, at.days_in_period)?;
    let days = format!("{remaining} of {} days", at.days_in_period);
    let currency = new_plan.currency;
    let mut lines = vec![
        line(
            LineKind::Credit,
            format!("Unused time on your current subscription ({days})"),
            Money::new(-credit.minor, currency),
        ),
        line(
            LineKind::Prorated,
            format!("New subscription for the rest of the period ({days})"),
            charge,
        ),
    ];
    lines.extend(added_setup_fees(new_plan, old_sel, new_sel)?);
    let mut subtotal = Money::zero(currency);
    for l in &lines {
        subtotal = subtotal.checked_add(&l.amount)?;
    }
    let tax = signed_tax(subtotal, tax_rate_basis_points)?;
    if !tax.is_zero() {
        lines.push(line(LineKind::Tax, tax_label(tax_rate_basis_points), tax));
    }
    let kind = if old_plan.code == new_plan.code && only_adds(old_sel, new_sel) {
        OrderKind::AddOn
    } else if new_untaxed.subtotal.minor >= old.subtotal.minor {
        OrderKind::Upgrade
    } else {
        OrderKind::Downgrade
    };
    Ok(ChangeQuote {
        kind,
        lines,
        subtotal,
        tax,
        total: subtotal.checked_add(&tax)?,
        renewal: new,
    })
}

/// Prices one more period of `sel`: the renewal fee, add-ons and extra resources, and tax; no
/// setup fees. Validates the selection like [`quote`].
pub fn renewal_quote(
    plan: &PricedPlan,
    sel: &Selection,
    tax_rate_basis_points: u32,
) -> Result<Quote, DomainError> {
    let first = quote(plan, sel, tax_rate_basis_points)?;
    let mut lines: Vec<QuoteLine> = Vec::new();
    for l in first.lines {
        match l.kind {
            k if k.is_setup() || k == LineKind::Tax => {}
            LineKind::Recurring => {
                let fee = plan
                    .period(sel.period_months)
                    .map(|p| p.renewal_fee)
                    .unwrap_or(l.unit_price);
                lines.push(line(
                    LineKind::Recurring,
                    format!("Renewal, {}", l.description.to_lowercase()),
                    fee,
                ));
            }
            _ => lines.push(l),
        }
    }
    if !first.recurring_tax.is_zero() {
        lines.push(line(
            LineKind::Tax,
            tax_label(tax_rate_basis_points),
            first.recurring_tax,
        ));
    }
    let zero = Money::zero(plan.currency);
    Ok(Quote {
        lines,
        setup_total: zero,
        first_period_total: first.recurring_subtotal,
        subtotal: first.recurring_subtotal,
        tax: first.recurring_tax,
        total: first.recurring_total,
        ..first
    })
}

/// Prices one more period like [`renewal_quote`], drawing up to `credit_minor` of the customer's
/// credit (kept before tax) as a line that lowers the taxed subtotal. Returns the quote and the
/// credit used.
pub fn renewal_with_credit(
    plan: &PricedPlan,
    sel: &Selection,
    tax_rate_basis_points: u32,
    credit_minor: i64,
) -> Result<(Quote, Money), DomainError> {
    draw_credit(
        renewal_quote(plan, sel, tax_rate_basis_points)?,
        tax_rate_basis_points,
        credit_minor,
    )
}

/// Draws up to `credit_minor` of the customer's credit from a renewal quote (after any
/// discount): a line that lowers the subtotal before tax, then tax again. Returns the quote and
/// the credit used.
pub fn draw_credit(
    taxed: Quote,
    tax_rate_basis_points: u32,
    credit_minor: i64,
) -> Result<(Quote, Money), DomainError> {
    let currency = taxed.currency;
    let used = Money::new(credit_minor.clamp(0, taxed.subtotal.minor.max(0)), currency);
    if used.is_zero() {
        return Ok((taxed, used));
    }
    let mut lines: Vec<QuoteLine> = taxed
        .lines
        .iter()
        .filter(|l| l.kind != LineKind::Tax)
        .cloned()
        .collect();
    lines.push(line(
        LineKind::Credit,
        "Credit from earlier changes".into(),
        Money::new(-used.minor, currency),
    ));
    let subtotal = Money::new(taxed.subtotal.minor - used.minor, currency);
    let tax = tax_on(subtotal, tax_rate_basis_points)?;
    if tax_rate_basis_points > 0 {
        lines.push(line(LineKind::Tax, tax_label(tax_rate_basis_points), tax));
    }
    let quote = Quote {
        lines,
        first_period_total: subtotal,
        subtotal,
        tax,
        total: subtotal.checked_add(&tax)?,
        ..taxed
    };
    Ok((quote, used))
}

fn tax_label(rate: u32) -> String {
    format!("Tax ({})", percent_label(rate))
}

fn line(kind: LineKind, description: String, amount: Money) -> QuoteLine {
    QuoteLine {
        kind,
        description,
        quantity: 1,
        unit_price: amount,
        amount,
    }
}

/// Tax on a signed amount: a credit is given back with the tax it was charged with.
fn signed_tax(amount: Money, rate: u32) -> Result<Money, DomainError> {
    let tax = tax_on(Money::new(amount.minor.abs(), amount.currency), rate)?;
    Ok(Money::new(
        amount.minor.signum() * tax.minor,
        amount.currency,
    ))
}

/// Setup fees of add-ons the new selection has and the old one lacks, and of extra resource
/// units above the old count.
fn added_setup_fees(
    plan: &PricedPlan,
    old: &Selection,
    new: &Selection,
) -> Result<Vec<QuoteLine>, DomainError> {
    let mut lines = Vec::new();
    for (code, _) in &new.addons {
        let Some(addon) = plan.addons.iter().find(|a| &a.code == code) else {
            continue;
        };
        if qty(&old.addons, code) == 0 && !addon.setup_fee.is_zero() {
            lines.push(line(
                LineKind::AddonSetup,
                format!("{}, setup fee", addon.name),
                addon.setup_fee,
            ));
        }
    }
    for (code, units) in &new.extra_resources {
        let Some(rate) = plan.resources.iter().find(|r| &r.code == code) else {
            continue;
        };
        let more = units.saturating_sub(qty(&old.extra_resources, code));
        if more > 0 && !rate.setup_fee_per_unit.is_zero() {
            let amount = rate.setup_fee_per_unit.times(more)?;
            lines.push(QuoteLine {
                kind: LineKind::ResourceSetup,
                description: format!("Extra {}, setup fee", rate.name),
                quantity: more,
                unit_price: rate.setup_fee_per_unit,
                amount,
            });
        }
    }
    Ok(lines)
}

fn qty(list: &[(String, u32)], code: &str) -> u32 {
    list.iter().find(|(c, _)| c == code).map_or(0, |(_, q)| *q)
}

fn same_selection(a: &Selection, b: &Selection) -> bool {
    only_adds(a, b) && only_adds(b, a)
}

/// Whether `new` keeps everything of `old` and only adds units.
fn only_adds(old: &Selection, new: &Selection) -> bool {
    old.addons.iter().all(|(c, q)| qty(&new.addons, c) >= *q)
        && old
            .extra_resources
            .iter()
            .all(|(c, q)| qty(&new.extra_resources, c) >= *q)
}
