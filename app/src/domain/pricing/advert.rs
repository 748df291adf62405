//! How a storefront advertises a plan's billing periods: the price per period and per month,
//! the setup fee, the first payment (before tax) and what a longer period saves against the
//! shortest one.
use super::plan::PeriodPrice;

/// One billing period as advertised, in minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodAdvert {
    /// Months per period.
    pub period_months: u32,
    /// One-off setup fee.
    pub setup_minor: i64,
    /// Price of one period.
    pub per_period_minor: i64,
    /// The period's price per month, rounded half up.
    pub per_month_minor: i64,
    /// Setup fee plus the first period, before tax.
    pub first_payment_minor: i64,
    /// Whole percent saved per month against the shortest period (0 for it, or none saved).
    pub saving_percent: u32,
}

/// Every period of a plan as advertised, shortest first.
pub fn adverts(periods: &[PeriodPrice]) -> Vec<PeriodAdvert> {
    let mut sorted: Vec<&PeriodPrice> = periods.iter().collect();
    sorted.sort_by_key(|p| p.period_months);
    let per_month = |p: &PeriodPrice| -> i64 {
        let months = i64::from(p.period_months.max(1));
        (p.recurring_fee.minor * 2 + months) / (2 * months)
    };
    let base = sorted.first().map(|p| {
        (
            i128::from(p.recurring_fee.minor),
            i128::from(p.period_months.max(1)),
        )
    });
    sorted
        .iter()
        .map(|p| {
            // Saving = 1 - (fee / months) / (base fee / base months), exact in integers.
            let saving_percent = match base {
                Some((base_fee, base_months)) if base_fee > 0 => {
                    let this = i128::from(p.recurring_fee.minor) * base_months;
                    let full = base_fee * i128::from(p.period_months.max(1));
                    if this < full {
                        u32::try_from((full - this) * 100 / full).unwrap_or(0)
                    } else {
                        0
                    }
                }
                _ => 0,
            };
            PeriodAdvert {
                period_months: p.period_months,
                setup_minor: p.setup_fee.minor,
                per_period_minor: p.recurring_fee.minor,
                per_month_minor: per_month(p),
                first_payment_minor: p.setup_fee.minor + p.recurring_fee.minor,
                saving_percent,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Currency, Money};

    fn period(months: u32, setup: i64, fee: i64) -> PeriodPrice {
        let eur = |m| Money::new(m, Currency::EUR);
        PeriodPrice {
            period_months: months,
            setup_fee: eur(setup),
            recurring_fee: eur(fee),
            renewal_fee: eur(fee),
        }
    }

    #[test]
    fn a_yearly_price_shows_its_monthly_price_and_saving() {
        let a = adverts(&[period(12, 9_900, 49_900), period(1, 9_900, 4_900)]);
        assert_eq!(a[0].period_months, 1);
        assert_eq!(a[0].saving_percent, 0);
        assert_eq!(a[0].first_payment_minor, 14_800);
        assert_eq!(a[1].per_month_minor, 4_158, "499.00 / 12 = 41.583");
        assert_eq!(a[1].saving_percent, 15, "41.58 instead of 49.00");
        assert_eq!(a[1].first_payment_minor, 59_800);
    }

    #[test]
    fn a_dearer_or_free_period_saves_nothing() {
        let a = adverts(&[period(1, 0, 0), period(12, 0, 1_000)]);
        assert!(a.iter().all(|p| p.saving_percent == 0));
        let b = adverts(&[period(1, 0, 1_000), period(12, 0, 13_000)]);
        assert_eq!(b[1].saving_percent, 0);
    }
}
