//! Revenue per currency, month by month, from the monthly sums of MRR movements.
use std::collections::BTreeMap;

use crate::backend::mrr::fold::MonthlySum;
use crate::domain::mrr::{month_figures, ratios, Month, MovementKind, MovementSums};
use crate::wire::dashboard::Revenue;

/// MRR per currency over `months` (oldest first), the largest MRR first.
pub fn per_currency(sums: &[MonthlySum], months: &[Month]) -> Vec<Revenue> {
    let mut by_currency: BTreeMap<&str, Vec<MovementSums>> = BTreeMap::new();
    for s in sums.iter().filter(|s| s.series == "mrr") {
        let (Ok(kind), Ok(month)) = (s.key.parse::<MovementKind>(), Month::parse(&s.month)) else {
            tracing::warn!(key = %s.key, month = %s.month, "unreadable MRR sum skipped");
            continue;
        };
        by_currency
            .entry(&s.currency)
            .or_default()
            .push(MovementSums {
                month,
                kind,
                amount_minor: s.amount_minor,
                count: s.count,
            });
    }
    let mut out: Vec<Revenue> = by_currency
        .into_iter()
        .map(|(currency, sums)| {
            let months = month_figures(&sums, months);
            let last = months.last().copied().unwrap_or_default();
            Revenue {
                currency: currency.to_string(),
                mrr_minor: last.closing_minor,
                arr_minor: last.closing_minor * 12,
                customers: last.customers_end,
                ratios: ratios(&months),
                months,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.mrr_minor
            .cmp(&a.mrr_minor)
            .then(a.currency.cmp(&b.currency))
    });
    out
}
