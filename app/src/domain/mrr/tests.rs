use super::convert::{add, convert};
use super::*;

fn m(s: &str) -> Month {
    Month::parse(s).unwrap()
}

#[test]
fn a_period_counts_its_monthly_share_rounded() {
    assert_eq!(monthly(12_000, 12), 1_000);
    assert_eq!(monthly(100_000, 12), 8_333);
    assert_eq!(monthly(100_006, 12), 8_334);
    assert_eq!(monthly(2_999, 1), 2_999);
    assert_eq!(monthly(1_000, 3), 333);
    assert_eq!(monthly(1_000, 0), 1_000);
}

#[test]
fn movements_are_classified_for_the_customer() {
    use MovementKind::*;
    assert_eq!(classify(0, 100, false), Some(New));
    assert_eq!(classify(0, 100, true), Some(Reactivation));
    assert_eq!(classify(100, 0, true), Some(Churn));
    assert_eq!(classify(100, 150, true), Some(Expansion));
    assert_eq!(classify(150, 100, true), Some(Contraction));
    assert_eq!(classify(100, 100, true), None);
    assert_eq!(classify(0, 0, true), None);
}

#[test]
fn months_parse_step_and_print() {
    assert_eq!(m("2026-11").to_string(), "2026-11");
    assert_eq!(m("2026-12-01T00:00:00Z").next(), m("2027-01"));
    assert_eq!(m("2027-01").previous(), m("2026-12"));
    assert_eq!(m("2026-02").label(), "Feb 2026");
    assert_eq!(m("2026-02").short_label(), "Feb 26");
    assert_eq!(
        m("2026-02").last(3),
        vec![m("2025-12"), m("2026-01"), m("2026-02")]
    );
    assert!(Month::parse("2026-13").is_err());
    assert!(Month::parse("nope").is_err());
}

fn sums(month: &str, kind: MovementKind, amount: i64, count: i64) -> MovementSums {
    MovementSums {
        month: m(month),
        kind,
        amount_minor: amount,
        count,
    }
}

#[test]
fn each_month_opens_at_the_last_close() {
    use MovementKind::*;
    let all = vec![
        sums("2026-01", New, 10_000, 2),
        sums("2026-02", Expansion, 2_000, 1),
        sums("2026-02", Churn, -5_000, 1),
        sums("2026-03", Reactivation, 5_000, 1),
        sums("2026-03", Contraction, -1_000, 1),
    ];
    let f = month_figures(&all, &m("2026-03").last(2));
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].opening_minor, 10_000);
    assert_eq!(f[0].customers_start, 2);
    assert_eq!(f[0].closing_minor, 7_000);
    assert_eq!(f[0].customers_end, 1);
    assert_eq!(f[1].opening_minor, 7_000);
    assert_eq!(f[1].closing_minor, 11_000);
    assert_eq!(f[1].customers_end, 2);
    for x in &f {
        assert_eq!(x.opening_minor + x.net_minor(), x.closing_minor);
    }
    let r = ratios(&f[..1]);
    assert_eq!(r.customer_churn_bp, Some(5_000));
    assert_eq!(r.gross_mrr_churn_bp, Some(5_000));
    assert_eq!(r.net_mrr_churn_bp, Some(3_000));
    assert_eq!(r.arpa_minor, Some(7_000));
    assert_eq!(r.ltv_minor, None, "too few months for a lifetime value");
}

#[test]
fn lifetime_value_needs_months_and_churn() {
    let month = |start, lost, closing, end| MonthFigures {
        customers_start: start,
        customers_lost: lost,
        closing_minor: closing,
        customers_end: end,
        ..MonthFigures::default()
    };
    // 10 % of customers lost a month on average; ARPA 100.00: LTV 1,000.00.
    let f = vec![
        month(10, 1, 0, 9),
        month(10, 2, 0, 8),
        month(10, 0, 100_000, 10),
    ];
    assert_eq!(ratios(&f).ltv_minor, Some(100_000));
    let none_lost = vec![
        month(10, 0, 0, 10),
        month(10, 0, 0, 10),
        month(10, 0, 1, 10),
    ];
    assert_eq!(ratios(&none_lost).ltv_minor, None);
}

#[test]
fn rates_are_read_as_people_write_them() {
    assert_eq!(parse_rate("1.0845"), Ok(1_084_500));
    assert_eq!(parse_rate(" 0,5 "), Ok(500_000));
    assert_eq!(parse_rate("2"), Ok(2_000_000));
    assert_eq!(show_rate(1_084_500), "1.0845");
    assert_eq!(show_rate(2_000_000), "2");
    for bad in ["0", "-1", "abc", "1.1234567", "", "1e3"] {
        assert!(parse_rate(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_converted_month_still_adds_up() {
    use MovementKind::*;
    let all = vec![
        sums("2026-01", New, 10_001, 1),
        sums("2026-02", Expansion, 3_333, 1),
    ];
    let months = month_figures(&all, &m("2026-02").last(2));
    let c = convert(&months, &[1_100_000, 900_000]);
    assert_eq!(c[0].new_minor, 11_001);
    assert_eq!(c[0].closing_minor, 11_001);
    // February at its own rate: opens at 9,001 (not January's close: the rate moved).
    assert_eq!(c[1].opening_minor, 9_001);
    assert_eq!(c[1].expansion_minor, 3_000);
    for x in &c {
        assert_eq!(x.opening_minor + x.net_minor(), x.closing_minor);
    }
    let mut total = Vec::new();
    add(&mut total, &c);
    add(&mut total, &months);
    assert_eq!(total[1].closing_minor, 12_001 + 13_334);
}
