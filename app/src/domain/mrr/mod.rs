//! Monthly recurring revenue: what a subscription counts for, how a change of it is classified
//! for its customer, and the months, movements and ratios the operator's dashboard shows. Pure:
//! the backend records movements and sums them; the arithmetic and definitions live here.

pub mod convert;
mod figures;
mod month;

pub use convert::{parse_rate, show_rate};
pub use figures::{month_figures, ratios, MonthFigures, MovementSums, Ratios};
pub use month::Month;

use serde::{Deserialize, Serialize};

use super::names::stored_names;

/// How a change of a customer's MRR counts, as subscription-analytics tools define it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MovementKind {
    /// The customer's first MRR.
    New,
    /// More MRR from a paying customer: an upgrade, an add-on, more users, another subscription,
    /// a discount ending.
    Expansion,
    /// Less MRR from a customer who still pays: a downgrade, a discount, one of several
    /// subscriptions ending.
    Contraction,
    /// The customer's last paid subscription ends.
    Churn,
    /// A customer who had churned pays again.
    Reactivation,
}

impl MovementKind {
    /// Every kind, in the order the dashboard lists them.
    pub const ALL: [MovementKind; 5] = [
        MovementKind::New,
        MovementKind::Expansion,
        MovementKind::Reactivation,
        MovementKind::Contraction,
        MovementKind::Churn,
    ];

    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            MovementKind::New => "new",
            MovementKind::Expansion => "expansion",
            MovementKind::Contraction => "contraction",
            MovementKind::Churn => "churn",
            MovementKind::Reactivation => "reactivation",
        }
    }

    /// The name people read.
    pub const fn label(self) -> &'static str {
        match self {
            MovementKind::New => "New",
            MovementKind::Expansion => "Expansion",
            MovementKind::Contraction => "Contraction",
            MovementKind::Churn => "Churn",
            MovementKind::Reactivation => "Reactivation",
        }
    }

    /// Whether it adds MRR.
    pub const fn is_gain(self) -> bool {
        matches!(
            self,
            MovementKind::New | MovementKind::Expansion | MovementKind::Reactivation
        )
    }
}

stored_names!(MovementKind, "MRR movement");

/// A subscription's monthly share of what it renews for: the period's price over its months,
/// rounded to the nearest minor unit (a yearly 1,000.00 counts 83.33 a month).
pub fn monthly(recurring_minor: i64, period_months: u32) -> i64 {
    let months = i64::from(period_months.max(1));
    (recurring_minor.max(0) * 2 + months) / (2 * months)
}

/// Classifies a change of one subscription's MRR by what it does to its customer's MRR (in one
/// currency): from `customer_before` to `customer_after`; `paid_before` says whether the
/// customer ever had MRR before. Nothing when nothing changes.
pub fn classify(
    customer_before: i64,
    customer_after: i64,
    paid_before: bool,
) -> Option<MovementKind> {
    match (customer_before, customer_after) {
        (b, a) if b == a => None,
        (0, _) if paid_before => Some(MovementKind::Reactivation),
        (0, _) => Some(MovementKind::New),
        (_, 0) => Some(MovementKind::Churn),
        (b, a) if a > b => Some(MovementKind::Expansion),
        _ => Some(MovementKind::Contraction),
    }
}

#[cfg(test)]
mod tests;
