//! Quotes: the priced lines and totals of a selection, paid or as a free trial.

use serde::{Deserialize, Serialize};

use super::plan::months_label;
use super::selection::{selected_addons, selected_resources};
use super::tax::{check_tax_rate, percent_label, tax_on};
use super::{PricedPlan, Selection};
use crate::domain::{Currency, DomainError, Money};

/// What a quote line is for; serialized as `"setup"`, `"addon_recurring"`, etc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// One-off setup fee of the plan.
    Setup,
    /// The plan's price for the first period.
    Recurring,
    /// One-off setup fee of an add-on.
    AddonSetup,
    /// An add-on's price for the first period.
    AddonRecurring,
    /// One-off setup fee of extra resource units.
    ResourceSetup,
    /// Extra resource units' price for the first period.
    ResourceRecurring,
    /// Tax on the subtotal.
    Tax,
    /// Credit for the unused part of a period, when a subscription changes (negative).
    Credit,
    /// A configuration's price for the rest of a period, when a subscription changes.
    Prorated,
    /// A coupon's discount, taken off the subtotal before tax (negative).
    Discount,
}

impl LineKind {
    /// Whether the line is a one-off setup fee.
    pub const fn is_setup(self) -> bool {
        matches!(
            self,
            LineKind::Setup | LineKind::AddonSetup | LineKind::ResourceSetup
        )
    }

    /// Whether the line is a price for the first period.
    pub const fn is_recurring(self) -> bool {
        matches!(
            self,
            LineKind::Recurring | LineKind::AddonRecurring | LineKind::ResourceRecurring
        )
    }
}

/// One line of a quote; `amount` is always `unit_price` × `quantity`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteLine {
    /// What the line is for.
    pub kind: LineKind,
    /// Text shown to the customer, e.g. `"Extra users (12 months)"`.
    pub description: String,
    /// Number of units.
    pub quantity: u32,
    /// Price of one unit (for recurring lines: for the whole period).
    pub unit_price: Money,
    /// `unit_price` × `quantity`.
    pub amount: Money,
}

/// The priced result of a [`Selection`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Currency of every amount.
    pub currency: Currency,
    /// Length of the billing period in months.
    pub period_months: u32,
    /// Length of the free trial in days; 0 for a paid quote.
    pub trial_days: u32,
    /// Lines in plan order (plan, add-ons, resources, tax); their amounts sum to `total`.
    pub lines: Vec<QuoteLine>,
    /// Sum of the one-off setup fees.
    pub setup_total: Money,
    /// Sum of the prices for the first period.
    pub first_period_total: Money,
    /// `setup_total` + `first_period_total`, less a discount (see [`super::discounted`]).
    pub subtotal: Money,
    /// Tax on `subtotal`.
    pub tax: Money,
    /// Amount due now: `subtotal` + `tax`.
    pub total: Money,
    /// Price of each following period before tax (renewal fee plus add-ons and extra resources).
    pub recurring_subtotal: Money,
    /// Tax on `recurring_subtotal`, at the quote's rate.
    pub recurring_tax: Money,
    /// What each renewal costs: `recurring_subtotal` + `recurring_tax`.
    pub recurring_total: Money,
}

impl Quote {
    /// What the first period's service was billed, before tax: its list price less the part of a
    /// discount that the setup fees did not absorb (the discount counts against the service
    /// first, so a later change never credits more than was paid).
    pub fn service_paid(&self) -> Money {
        self.service_less(self.discount_minor())
    }

    /// The first period's recurring price before tax, less its share of a discount (the discount
    /// spread over setup fees and service by their list prices): what the period counts for as
    /// recurring revenue.
    pub fn first_period_recurring(&self) -> Money {
        let listed = i128::from(self.setup_total.minor + self.first_period_total.minor);
        let off = i128::from(-self.discount_minor());
        let share = if listed > 0 {
            (off * i128::from(self.first_period_total.minor) * 2 + listed) / (2 * listed)
        } else {
            0
        };
        self.service_less(-i64::try_from(share).unwrap_or(0))
    }

    /// The sum of the discount lines (negative or zero).
    fn discount_minor(&self) -> i64 {
        self.lines
            .iter()
            .filter(|l| l.kind == LineKind::Discount)
            .map(|l| l.amount.minor)
            .sum()
    }

    fn service_less(&self, discount: i64) -> Money {
        Money::new(
            (self.first_period_total.minor + discount).max(0),
            self.currency,
        )
    }
}

/// Prices `sel` against `plan` with a tax rate in basis points (2000 = 20 %).
///
/// Recurring prices of add-ons and resources are per month and multiplied by the
/// period's months. Tax is computed once on the subtotal, rounded half up; the
/// renewal price is taxed the same way. Fails with a user-facing message when the
/// period, an add-on or a resource is not sold with the plan, a code is selected
/// twice, a quantity is 0 or above its maximum, the rate exceeds 100 %, the plan
/// is inconsistent (see [`PricedPlan::validate`]) or an amount overflows.
pub fn quote(
    plan: &PricedPlan,
    sel: &Selection,
    tax_rate_basis_points: u32,
) -> Result<Quote, DomainError> {
    check_tax_rate(tax_rate_basis_points)?;
    plan.validate()?;
    let period = plan.period(sel.period_months).ok_or_else(|| {
        DomainError::invalid(format!(
            "This plan is not sold for {}",
            months_label(sel.period_months)
        ))
    })?;
    let months = period.period_months;
    let addon_qty = selected_addons(plan, &sel.addons)?;
    let resource_qty = selected_resources(plan, &sel.extra_resources)?;

    let zero = Money::zero(plan.currency);
    let period_label = months_label(months);
    let mut lines = Vec::new();
    let mut recurring_subtotal = period.renewal_fee;

    if !period.setup_fee.is_zero() {
        push_line(
            &mut lines,
            LineKind::Setup,
            "Setup fee".to_owned(),
            1,
            period.setup_fee,
        )?;
    }
    push_line(
        &mut lines,
        LineKind::Recurring,
        format!("Subscription ({period_label})"),
        1,
        period.recurring_fee,
    )?;
    for addon in &plan.addons {
        let Some(&qty) = addon_qty.get(addon.code.as_str()) else {
            continue;
        };
        if !addon.setup_fee.is_zero() {
            push_line(
                &mut lines,
                LineKind::AddonSetup,
                format!("{}, setup fee", addon.name),
                1,
                addon.setup_fee,
            )?;
        }
        let amount = push_line(
            &mut lines,
            LineKind::AddonRecurring,
            format!("{} ({period_label})", addon.name),
            qty,
            addon.recurring_fee_per_unit.times(months)?,
        )?;
        recurring_subtotal = recurring_subtotal.checked_add(&amount)?;
    }
    for rate in &plan.resources {
        let Some(&qty) = resource_qty.get(rate.code.as_str()) else {
            continue;
        };
        if !rate.setup_fee_per_unit.is_zero() {
            push_line(
                &mut lines,
                LineKind::ResourceSetup,
                format!("Extra {}, setup fee", rate.name),
                qty,
                rate.setup_fee_per_unit,
            )?;
        }
        let amount = push_line(
            &mut lines,
            LineKind::ResourceRecurring,
            format!("Extra {} ({period_label})", rate.name),
            qty,
            rate.recurring_fee_per_unit.times(months)?,
        )?;
        recurring_subtotal = recurring_subtotal.checked_add(&amount)?;
    }

    let mut setup_total = zero;
    let mut first_period_total = zero;
    for line in &lines {
        if line.kind.is_setup() {
            setup_total = setup_total.checked_add(&line.amount)?;
        } else {
            first_period_total = first_period_total.checked_add(&line.amount)?;
        }
    }
    let subtotal = setup_total.checked_add(&first_period_total)?;
    let tax = tax_on(subtotal, tax_rate_basis_points)?;
    let total = subtotal.checked_add(&tax)?;
    if tax_rate_basis_points > 0 {
        push_line(
            &mut lines,
            LineKind::Tax,
            format!("Tax ({})", percent_label(tax_rate_basis_points)),
            1,
            tax,
        )?;
    }
    let recurring_tax = tax_on(recurring_subtotal, tax_rate_basis_points)?;
    let recurring_total = recurring_subtotal.checked_add(&recurring_tax)?;

    Ok(Quote {
        currency: plan.currency,
        period_months: months,
        trial_days: 0,
        lines,
        setup_total,
        first_period_total,
        subtotal,
        tax,
        total,
        recurring_subtotal,
        recurring_tax,
        recurring_total,
    })
}

/// Prices `sel` as the start of the plan's free trial: nothing is due now.
///
/// The selection is validated exactly like [`quote`]. The lines list what the trial
/// includes with zero prices (no tax line), every amount due now is zero, and the
/// `recurring_*` fields still hold the real renewal price. Fails if the plan has no
/// trial (`trial_days == 0`).
pub fn trial_quote(
    plan: &PricedPlan,
    sel: &Selection,
    tax_rate_basis_points: u32,
) -> Result<Quote, DomainError> {
    if plan.trial_days == 0 {
        return Err(DomainError::invalid("This plan has no free trial"));
    }
    let paid = quote(plan, sel, tax_rate_basis_points)?;
    let zero = Money::zero(plan.currency);
    let lines = paid
        .lines
        .into_iter()
        .filter(|line| line.kind != LineKind::Tax)
        .map(|line| QuoteLine {
            unit_price: zero,
            amount: zero,
            ..line
        })
        .collect();
    Ok(Quote {
        trial_days: plan.trial_days,
        lines,
        setup_total: zero,
        first_period_total: zero,
        subtotal: zero,
        tax: zero,
        total: zero,
        ..paid
    })
}

/// Appends a line of `quantity` × `unit_price` and returns its amount.
fn push_line(
    lines: &mut Vec<QuoteLine>,
    kind: LineKind,
    description: String,
    quantity: u32,
    unit_price: Money,
) -> Result<Money, DomainError> {
    let amount = unit_price.times(quantity)?;
    lines.push(QuoteLine {
        kind,
        description,
        quantity,
        unit_price,
        amount,
    });
    Ok(amount)
}
