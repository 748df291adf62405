//! The months of MRR: opening, each movement, closing and customers, and the ratios built on
//! them. Every month opens at the last one's close, so opening plus movements is closing.
use serde::{Deserialize, Serialize};

use super::{Month, MovementKind};

/// The movements of one kind in one month: their sum (signed, minor units) and how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MovementSums {
    pub month: Month,
    pub kind: MovementKind,
    pub amount_minor: i64,
    pub count: i64,
}

/// One month of MRR in one currency (minor units; losses negative).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MonthFigures {
    pub month: Option<Month>,
    pub opening_minor: i64,
    pub new_minor: i64,
    pub expansion_minor: i64,
    pub reactivation_minor: i64,
    pub contraction_minor: i64,
    pub churn_minor: i64,
    pub closing_minor: i64,
    /// Paying customers when the month began.
    pub customers_start: i64,
    /// Customers who paid for the first time.
    pub customers_new: i64,
    /// Churned customers who paid again.
    pub customers_reactivated: i64,
    /// Customers whose last paid subscription ended.
    pub customers_lost: i64,
    /// Paying customers when the month ended (or now, for the running month).
    pub customers_end: i64,
}

impl MonthFigures {
    fn add(&mut self, s: &MovementSums) {
        match s.kind {
            MovementKind::New => {
                self.new_minor += s.amount_minor;
                self.customers_new += s.count;
            }
            MovementKind::Expansion => self.expansion_minor += s.amount_minor,
            MovementKind::Reactivation => {
                self.reactivation_minor += s.amount_minor;
                self.customers_reactivated += s.count;
            }
            MovementKind::Contraction => self.contraction_minor += s.amount_minor,
            MovementKind::Churn => {
                self.churn_minor += s.amount_minor;
                self.customers_lost += s.count;
            }
        }
    }

    /// The month's movements together.
    pub fn net_minor(&self) -> i64 {
        self.new_minor
            + self.expansion_minor
            + self.reactivation_minor
            + self.contraction_minor
            + self.churn_minor
    }
}

/// The figures of `months` (consecutive, oldest first) from every month's movement sums; the
/// first month opens with everything before it.
pub fn month_figures(sums: &[MovementSums], months: &[Month]) -> Vec<MonthFigures> {
    let Some(first) = months.first().copied() else {
        return Vec::new();
    };
    let mut before = MonthFigures::default();
    for s in sums.iter().filter(|s| s.month < first) {
        before.add(s);
    }
    let mut mrr = before.net_minor();
    let mut customers = before.customers_new + before.customers_reactivated - before.customers_lost;
    months
        .iter()
        .map(|&month| {
            let mut f = MonthFigures {
                month: Some(month),
                opening_minor: mrr,
                customers_start: customers,
                ..MonthFigures::default()
            };
            for s in sums.iter().filter(|s| s.month == month) {
                f.add(s);
            }
            f.closing_minor = f.opening_minor + f.net_minor();
            f.customers_end =
                customers + f.customers_new + f.customers_reactivated - f.customers_lost;
            mrr = f.closing_minor;
            customers = f.customers_end;
            f
        })
        .collect()
}

/// The ratios of one month, in basis points (1 % = 100) where a share; `None` where the
/// denominator is zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Ratios {
    /// MRR per paying customer at the month's end (minor units).
    pub arpa_minor: Option<i64>,
    /// Customers lost / customers at the start.
    pub customer_churn_bp: Option<i64>,
    /// (Churn + contraction) / opening MRR.
    pub gross_mrr_churn_bp: Option<i64>,
    /// (Churn + contraction - expansion - reactivation) / opening MRR; negative is net growth.
    pub net_mrr_churn_bp: Option<i64>,
    /// ARPA / the average monthly customer churn rate of the months given (minor units); only
    /// with at least [`LTV_MIN_MONTHS`] months that started with customers, and some churn.
    pub ltv_minor: Option<i64>,
}

/// Months with customers at their start needed before a lifetime value is shown.
pub const LTV_MIN_MONTHS: usize = 3;

fn share_bp(part: i64, whole: i64) -> Option<i64> {
    (whole != 0).then(|| {
        let (p, w) = (i128::from(part), i128::from(whole));
        i64::try_from((p * 20_000 + w.signum() * w) / (2 * w)).unwrap_or(i64::MAX)
    })
}

/// The ratios of the last of `months` (its churn rates; ARPA at its end), with LTV from the
/// average customer churn rate over all of them.
pub fn ratios(months: &[MonthFigures]) -> Ratios {
    let Some(last) = months.last() else {
        return Ratios::default();
    };
    let losses = -(last.churn_minor + last.contraction_minor);
    let arpa_minor = (last.customers_end > 0)
        .then(|| (last.closing_minor * 2 + last.customers_end) / (2 * last.customers_end));
    let counted: Vec<&MonthFigures> = months.iter().filter(|m| m.customers_start > 0).collect();
    let lost: i64 = counted.iter().map(|m| m.customers_lost).sum();
    let at_start: i64 = counted.iter().map(|m| m.customers_start).sum();
    let ltv_minor = match arpa_minor {
        Some(arpa) if counted.len() >= LTV_MIN_MONTHS && lost > 0 => {
            // ARPA / (lost / at_start) = ARPA * at_start / lost, rounded.
            let v = (i128::from(arpa) * i128::from(at_start) * 2 + i128::from(lost))
                / (2 * i128::from(lost));
            i64::try_from(v).ok()
        }
        _ => None,
    };
    Ratios {
        arpa_minor,
        customer_churn_bp: share_bp(last.customers_lost, last.customers_start),
        gross_mrr_churn_bp: share_bp(losses, last.opening_minor),
        net_mrr_churn_bp: share_bp(
            losses - last.expansion_minor - last.reactivation_minor,
            last.opening_minor,
        ),
        ltv_minor,
    }
}
