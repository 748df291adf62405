//! Every currency's MRR added together in the reporting currency, each month at the rate in
//! force at its end; a missing rate is named, not guessed.
use chrono::{DateTime, Utc};

use crate::backend::db::ts;
use crate::backend::exchange_rates::{in_force, into, reporting};
use crate::backend::state::AppState;
use crate::domain::mrr::convert::{add, convert, RATE_SCALE};
use crate::domain::mrr::{ratios, Month, MonthFigures};
use crate::error::Result;
use crate::wire::dashboard::{ReportingTotal, Revenue};

/// The total, when a reporting currency is set and there is revenue.
pub async fn total(
    st: &AppState,
    revenue: &[Revenue],
    span: &[Month],
    now: DateTime<Utc>,
) -> Result<Option<ReportingTotal>> {
    let Some(to) = reporting(st).await? else {
        return Ok(None);
    };
    if revenue.is_empty() {
        return Ok(None);
    }
    let rates = into(st, &to).await?;
    let today = ts(now);
    let mut months: Vec<MonthFigures> = Vec::new();
    for r in revenue {
        let mut per_month = Vec::with_capacity(span.len());
        for &month in span {
            if r.currency == to {
                per_month.push(RATE_SCALE);
                continue;
            }
            match in_force(&rates, &r.currency, month, &today) {
                Some(rate) => per_month.push(rate),
                None => {
                    return Ok(Some(ReportingTotal::MissingRate(format!(
                        "No total in {to}: there is no rate from {} to {to} in force at the end of {}. Add one on the exchange rates page.",
                        r.currency,
                        month.label()
                    ))))
                }
            }
        }
        add(&mut months, &convert(&r.months, &per_month));
    }
    let last = months.last().copied().unwrap_or_default();
    Ok(Some(ReportingTotal::Converted(Revenue {
        currency: to,
        mrr_minor: last.closing_minor,
        arr_minor: last.closing_minor * 12,
        customers: last.customers_end,
        ratios: ratios(&months),
        months,
    })))
}
