//! What a plan costs: billing periods, period prices, add-ons, metered resources,
//! and the consistency checks on a whole plan.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::arith::too_large;
use crate::domain::{Currency, DomainError, Money};

/// A billing period length in whole months, between 1 and 36.
///
/// Serializes as the plain number of months, e.g. `12`; deserialization validates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct BillingPeriod {
    months: u32,
}

impl BillingPeriod {
    /// Shortest period a plan can be sold for.
    pub const MIN_MONTHS: u32 = 1;
    /// Longest period a plan can be sold for.
    pub const MAX_MONTHS: u32 = 36;

    /// Validates a period length in months (1..=36).
    pub fn new(months: u32) -> Result<BillingPeriod, DomainError> {
        if (Self::MIN_MONTHS..=Self::MAX_MONTHS).contains(&months) {
            Ok(BillingPeriod { months })
        } else {
            Err(DomainError::invalid(format!(
                "A billing period must be between {} and {} months, not {months}",
                Self::MIN_MONTHS,
                Self::MAX_MONTHS
            )))
        }
    }

    /// Number of months in the period.
    pub const fn months(self) -> u32 {
        self.months
    }

    /// Human-readable length, e.g. `"1 month"` or `"12 months"`.
    pub fn label(self) -> String {
        months_label(self.months)
    }
}

impl fmt::Display for BillingPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

impl TryFrom<u32> for BillingPeriod {
    type Error = DomainError;

    fn try_from(months: u32) -> Result<Self, Self::Error> {
        BillingPeriod::new(months)
    }
}

impl From<BillingPeriod> for u32 {
    fn from(period: BillingPeriod) -> Self {
        period.months
    }
}

/// The price of a plan for one billing period length.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodPrice {
    /// Length of the period in months (1..=36).
    pub period_months: u32,
    /// One-off fee charged with the first period.
    pub setup_fee: Money,
    /// Price of the first period.
    pub recurring_fee: Money,
    /// Price charged for each period after the first.
    pub renewal_fee: Money,
}

/// An optional add-on sold with a plan, ordered in whole units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddonPrice {
    /// Stable identifier, unique within the plan.
    pub code: String,
    /// Name shown to customers.
    pub name: String,
    /// One-off fee per order of the add-on (not per unit).
    pub setup_fee: Money,
    /// Price per unit and per month.
    pub recurring_fee_per_unit: Money,
    /// Most units one order may contain; 0 means the add-on is not orderable.
    pub max_quantity: u32,
}

/// A metered resource with an included allowance that can be extended, e.g. users:
/// 5 included, 4.00 per extra user per month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceRate {
    /// Stable identifier, unique within the plan.
    pub code: String,
    /// Plural name shown to customers, e.g. `"users"`.
    pub name: String,
    /// Units included in the plan price.
    pub included: u32,
    /// One-off fee per extra unit ordered.
    pub setup_fee_per_unit: Money,
    /// Price per extra unit and per month.
    pub recurring_fee_per_unit: Money,
    /// Price per unit used beyond `included` plus the extra units ordered, billed
    /// afterwards on measured usage (see [`ResourceRate::overage_charge`]).
    pub overage_per_unit: Money,
    /// Most extra units one order may contain; 0 means no extra units are sold.
    pub max_extra: u32,
}

impl ResourceRate {
    /// Charge for `used` units when `extra` units were ordered on top of the included ones:
    /// `overage_per_unit` × the units above `included + extra` (zero when within the allowance).
    pub fn overage_charge(&self, used: u32, extra: u32) -> Result<Money, DomainError> {
        let allowance = u64::from(self.included) + u64::from(extra);
        let over = u64::from(used).saturating_sub(allowance);
        // `over` is at most `used`, so it always fits in a u32.
        let over = u32::try_from(over).map_err(|_| too_large())?;
        self.overage_per_unit.times(over)
    }
}

/// A plan with all its prices, in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PricedPlan {
    /// Stable identifier of the plan.
    pub code: String,
    /// Currency every price of the plan must use.
    pub currency: Currency,
    /// Available billing periods, each length at most once.
    pub periods: Vec<PeriodPrice>,
    /// Optional add-ons, each code at most once.
    pub addons: Vec<AddonPrice>,
    /// Extendable resources, each code at most once.
    pub resources: Vec<ResourceRate>,
    /// Length of the free trial in days; 0 means the plan has no trial.
    pub trial_days: u32,
}

impl PricedPlan {
    /// The price for a period of `months`, if the plan is sold for that length.
    pub fn period(&self, months: u32) -> Option<&PeriodPrice> {
        self.periods.iter().find(|p| p.period_months == months)
    }

    /// Checks the plan is consistent: at least one period, valid and distinct period
    /// lengths, distinct add-on and resource codes, and every price non-negative and in
    /// the plan's currency.
    pub fn validate(&self) -> Result<(), DomainError> {
        let plan = &self.code;
        if self.periods.is_empty() {
            return Err(DomainError::invalid(format!(
                "The plan \"{plan}\" has no billing periods"
            )));
        }
        let mut months_seen = HashSet::new();
        for p in &self.periods {
            let period = BillingPeriod::new(p.period_months).map_err(|e| {
                DomainError::invalid(format!("The plan \"{plan}\" is invalid: {e}"))
            })?;
            if !months_seen.insert(p.period_months) {
                return Err(DomainError::invalid(format!(
                    "The plan \"{plan}\" lists the {period} period more than once"
                )));
            }
            self.check_price(&format!("setup fee for {period}"), &p.setup_fee)?;
            self.check_price(&format!("price for {period}"), &p.recurring_fee)?;
            self.check_price(&format!("renewal price for {period}"), &p.renewal_fee)?;
        }
        let mut addons_seen = HashSet::new();
        for a in &self.addons {
            if !addons_seen.insert(a.code.as_str()) {
                return Err(DomainError::invalid(format!(
                    "The plan \"{plan}\" lists the add-on \"{}\" more than once",
                    a.code
                )));
            }
            self.check_price(
                &format!("setup fee of the add-on \"{}\"", a.code),
                &a.setup_fee,
            )?;
            self.check_price(
                &format!("monthly price of the add-on \"{}\"", a.code),
                &a.recurring_fee_per_unit,
            )?;
        }
        let mut resources_seen = HashSet::new();
        for r in &self.resources {
            if !resources_seen.insert(r.code.as_str()) {
                return Err(DomainError::invalid(format!(
                    "The plan \"{plan}\" lists the resource \"{}\" more than once",
                    r.code
                )));
            }
            self.check_price(
                &format!("setup fee per extra unit of \"{}\"", r.code),
                &r.setup_fee_per_unit,
            )?;
            self.check_price(
                &format!("monthly price per extra unit of \"{}\"", r.code),
                &r.recurring_fee_per_unit,
            )?;
            self.check_price(
                &format!("overage price of \"{}\"", r.code),
                &r.overage_per_unit,
            )?;
        }
        Ok(())
    }

    fn check_price(&self, what: &str, price: &Money) -> Result<(), DomainError> {
        if price.currency != self.currency {
            return Err(DomainError::invalid(format!(
                "The {what} is in {} but the plan \"{}\" is priced in {}",
                price.currency, self.code, self.currency
            )));
        }
        if price.is_negative() {
            return Err(DomainError::invalid(format!(
                "The {what} of the plan \"{}\" must not be negative",
                self.code
            )));
        }
        Ok(())
    }
}

/// Formats a number of months, e.g. `"1 month"` or `"5 months"`.
pub(super) fn months_label(months: u32) -> String {
    if months == 1 {
        "1 month".to_owned()
    } else {
        format!("{months} months")
    }
}
