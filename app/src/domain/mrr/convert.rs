//! Months of MRR in another currency: each month at the rate in force at its end, so a month's
//! own figures add up exactly (its closing is its opening plus its converted movements); a
//! change of rate shows between one month's close and the next one's opening.
use super::MonthFigures;
use crate::domain::DomainError;

/// Parts per unit a rate is kept in (six decimals).
pub const RATE_SCALE: i64 = 1_000_000;

/// Reads a rate typed by people ("1.0845": units of the reporting currency for one unit of the
/// other), kept as millionths.
pub fn parse_rate(input: &str) -> Result<i64, DomainError> {
    let s = input.trim().replace(',', ".");
    let bad = || {
        DomainError::invalid(format!(
            "\"{}\" is not a rate: write a positive number such as 1.0845 (up to six decimals).",
            input.trim()
        ))
    };
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if whole.is_empty() && frac.is_empty()
        || frac.len() > 6
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || whole.len() > 9
    {
        return Err(bad());
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| bad())?
    };
    let frac: i64 = format!("{frac:0<6}").parse().map_err(|_| bad())?;
    let rate = whole * RATE_SCALE + frac;
    if rate <= 0 {
        return Err(DomainError::invalid("A rate must be more than zero."));
    }
    Ok(rate)
}

/// Writes a rate kept as millionths back as people read it ("1.0845").
pub fn show_rate(micros: i64) -> String {
    let s = format!("{}.{:06}", micros / RATE_SCALE, micros % RATE_SCALE);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn at(minor: i64, rate: i64) -> i64 {
    let v = i128::from(minor) * i128::from(rate);
    let half = i128::from(RATE_SCALE) / 2;
    let r = if v >= 0 {
        (v + half) / i128::from(RATE_SCALE)
    } else {
        (v - half) / i128::from(RATE_SCALE)
    };
    i64::try_from(r).unwrap_or(i64::MAX)
}

/// `months` converted, month by month, at `rates` (millionths; one per month, in order).
pub fn convert(months: &[MonthFigures], rates: &[i64]) -> Vec<MonthFigures> {
    months
        .iter()
        .zip(rates)
        .map(|(m, &rate)| {
            let mut c = MonthFigures {
                opening_minor: at(m.opening_minor, rate),
                new_minor: at(m.new_minor, rate),
                expansion_minor: at(m.expansion_minor, rate),
                reactivation_minor: at(m.reactivation_minor, rate),
                contraction_minor: at(m.contraction_minor, rate),
                churn_minor: at(m.churn_minor, rate),
                ..*m
            };
            c.closing_minor = c.opening_minor + c.net_minor();
            c
        })
        .collect()
}

/// Months (of several currencies, each already converted) added together, month by month.
pub fn add(total: &mut Vec<MonthFigures>, more: &[MonthFigures]) {
    if total.is_empty() {
        total.extend_from_slice(more);
        return;
    }
    for (t, m) in total.iter_mut().zip(more) {
        t.opening_minor += m.opening_minor;
        t.new_minor += m.new_minor;
        t.expansion_minor += m.expansion_minor;
        t.reactivation_minor += m.reactivation_minor;
        t.contraction_minor += m.contraction_minor;
        t.churn_minor += m.churn_minor;
        t.closing_minor += m.closing_minor;
        t.customers_start += m.customers_start;
        t.customers_new += m.customers_new;
        t.customers_reactivated += m.customers_reactivated;
        t.customers_lost += m.customers_lost;
        t.customers_end += m.customers_end;
    }
}
