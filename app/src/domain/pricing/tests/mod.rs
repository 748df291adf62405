//! Tests of the pricing module, by topic, with the plan fixtures they share.

mod change;
mod plan;
mod properties;
mod prorate;
mod quote;
mod selection;
mod tax;

use super::tax::percent_label;
use super::*;
use crate::domain::{Currency, Money};

const EUR: Currency = Currency::EUR;

fn eur(minor: i64) -> Money {
    Money::new(minor, EUR)
}

fn period(months: u32, setup: i64, recurring: i64, renewal: i64) -> PeriodPrice {
    PeriodPrice {
        period_months: months,
        setup_fee: eur(setup),
        recurring_fee: eur(recurring),
        renewal_fee: eur(renewal),
    }
}

fn addon(code: &str, name: &str, setup: i64, monthly: i64, max: u32) -> AddonPrice {
    AddonPrice {
        code: code.into(),
        name: name.into(),
        setup_fee: eur(setup),
        recurring_fee_per_unit: eur(monthly),
        max_quantity: max,
    }
}

fn resource(code: &str, included: u32, setup: i64, monthly: i64, max: u32) -> ResourceRate {
    ResourceRate {
        code: code.into(),
        name: code.into(),
        included,
        setup_fee_per_unit: eur(setup),
        recurring_fee_per_unit: eur(monthly),
        overage_per_unit: eur(500),
        max_extra: max,
    }
}

/// Pro plan: monthly with a 49.00 setup fee, or yearly at 100.00 renewing at 110.00.
fn pro() -> PricedPlan {
    PricedPlan {
        code: "pro".into(),
        currency: EUR,
        periods: vec![period(1, 4900, 1000, 1000), period(12, 0, 10_000, 11_000)],
        addons: vec![
            addon("backup", "Backup", 500, 200, 10),
            addon("support", "Priority support", 0, 1500, 1),
        ],
        resources: vec![
            resource("users", 5, 0, 400, 50),
            resource("storage", 10, 100, 50, 100),
        ],
        trial_days: 14,
    }
}

fn sel(months: u32, addons: &[(&str, u32)], extra: &[(&str, u32)]) -> Selection {
    Selection {
        period_months: months,
        addons: addons.iter().map(|(c, q)| ((*c).to_owned(), *q)).collect(),
        extra_resources: extra.iter().map(|(c, q)| ((*c).to_owned(), *q)).collect(),
    }
}

fn err(plan: &PricedPlan, s: &Selection, rate: u32) -> String {
    quote(plan, s, rate).unwrap_err().to_string()
}
