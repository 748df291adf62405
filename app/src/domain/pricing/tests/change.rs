//! Changing a running subscription: proration, setup fees of what is added, the kind of change,
//! refusals, and the renewal price.
use proptest::prelude::*;

use super::*;
use crate::domain::order_flow::OrderKind;

/// The old configuration's renewal price, paid for the whole period.
fn full(plan: &PricedPlan, s: &Selection, at: PeriodPosition) -> PaidPeriod {
    PaidPeriod {
        amount: renewal_quote(plan, s, 0).unwrap().subtotal,
        days: at.days_in_period,
    }
}

fn half_way() -> PeriodPosition {
    PeriodPosition {
        days_used: 15,
        days_in_period: 30,
    }
}

/// A cheaper plan with the same periods and add-ons as [`pro`].
fn basic() -> PricedPlan {
    let mut plan = pro();
    plan.code = "basic".into();
    plan.periods = vec![period(1, 0, 600, 600), period(12, 0, 6000, 6000)];
    plan
}

#[test]
fn an_added_user_half_way_costs_half_a_month_and_no_plan_setup_fee() {
    let old = sel(1, &[], &[]);
    let new = sel(1, &[], &[("users", 2)]);
    let q = change_quote(
        (&pro(), &old),
        (&pro(), &new),
        half_way(),
        full(&pro(), &old, half_way()),
        0,
    )
    .unwrap();
    assert_eq!(q.kind, OrderKind::AddOn);
    // Renewal 10.00 credited by half; 10.00 + 2 × 4.00 charged by half.
    assert_eq!(q.lines[0].amount, eur(-500));
    assert_eq!(q.lines[1].amount, eur(900));
    assert_eq!(q.total, eur(400));
    assert_eq!(q.renewal.total, eur(1800));
}

#[test]
fn a_new_add_on_pays_its_setup_fee_once() {
    let old = sel(1, &[("backup", 1)], &[]);
    let new = sel(1, &[("backup", 2), ("support", 1)], &[("storage", 3)]);
    let q = change_quote(
        (&pro(), &old),
        (&pro(), &new),
        half_way(),
        full(&pro(), &old, half_way()),
        2000,
    )
    .unwrap();
    let setup: Vec<_> = q.lines.iter().filter(|l| l.kind.is_setup()).collect();
    // Backup was already bought: only storage (3 × 1.00) carries a setup fee.
    assert_eq!(setup.len(), 1);
    assert_eq!(setup[0].amount, eur(300));
    let sum: i64 = q.lines.iter().map(|l| l.amount.minor).sum();
    assert_eq!(sum, q.total.minor);
    assert_eq!(q.tax, tax_on(q.subtotal, 2000).unwrap());
}

#[test]
fn a_cheaper_plan_is_a_downgrade_credited_with_its_tax() {
    let s = sel(1, &[], &[]);
    let q = change_quote(
        (&pro(), &s),
        (&basic(), &s),
        half_way(),
        full(&pro(), &s, half_way()),
        2000,
    )
    .unwrap();
    assert_eq!(q.kind, OrderKind::Downgrade);
    assert_eq!(q.subtotal, eur(-200));
    assert_eq!(q.tax, eur(-40));
    assert_eq!(q.total, eur(-240));
    assert!(q.invoice_quote().is_none());
}

#[test]
fn a_dearer_plan_is_an_upgrade_with_an_invoice() {
    let s = sel(12, &[], &[]);
    let at = PeriodPosition {
        days_used: 73,
        days_in_period: 365,
    };
    let q = change_quote((&basic(), &s), (&pro(), &s), at, full(&basic(), &s, at), 0).unwrap();
    assert_eq!(q.kind, OrderKind::Upgrade);
    // 292/365 of (110.00 - 60.00) = 40.00
    assert_eq!(q.total, eur(4000));
    let invoice = q.invoice_quote().unwrap();
    assert_eq!(invoice.total, q.total);
    assert_eq!(invoice.period_months, 12);
}

#[test]
fn removing_an_add_on_is_a_downgrade_and_no_change_is_refused() {
    let old = sel(1, &[("support", 1)], &[]);
    let new = sel(1, &[], &[]);
    let q = change_quote(
        (&pro(), &old),
        (&pro(), &new),
        half_way(),
        full(&pro(), &old, half_way()),
        0,
    )
    .unwrap();
    assert_eq!(q.kind, OrderKind::Downgrade);
    let same = change_quote(
        (&pro(), &old),
        (&pro(), &old),
        half_way(),
        full(&pro(), &old, half_way()),
        0,
    );
    assert!(same.unwrap_err().to_string().contains("already"));
}

#[test]
fn the_period_and_currency_stay_and_the_new_selection_is_checked() {
    let m = sel(1, &[], &[]);
    let y = sel(12, &[], &[]);
    let e = change_quote(
        (&pro(), &m),
        (&pro(), &y),
        half_way(),
        full(&pro(), &m, half_way()),
        0,
    )
    .unwrap_err();
    assert!(e.to_string().contains("billing period"), "{e}");
    let mut usd = basic();
    usd.currency = Currency::USD;
    for p in &mut usd.periods {
        p.setup_fee.currency = Currency::USD;
        p.recurring_fee.currency = Currency::USD;
        p.renewal_fee.currency = Currency::USD;
    }
    let e = change_quote(
        (&pro(), &m),
        (&usd, &m),
        half_way(),
        full(&pro(), &m, half_way()),
        0,
    )
    .unwrap_err();
    assert!(e.to_string().contains("billed in EUR"), "{e}");
    let too_many = sel(1, &[("support", 2)], &[]);
    let e = change_quote(
        (&pro(), &m),
        (&pro(), &too_many),
        half_way(),
        full(&pro(), &m, half_way()),
        0,
    )
    .unwrap_err();
    assert!(e.to_string().contains("at most 1"), "{e}");
}

#[test]
fn a_renewal_bills_the_renewal_fee_and_recurring_parts_without_setup() {
    let s = sel(12, &[("backup", 1)], &[("users", 1)]);
    let r = renewal_quote(&pro(), &s, 2000).unwrap();
    let first = quote(&pro(), &s, 2000).unwrap();
    assert_eq!(r.total, first.recurring_total);
    assert!(r.lines.iter().all(|l| !l.kind.is_setup()));
    assert_eq!(r.lines[0].amount, eur(11_000));
    let sum: i64 = r.lines.iter().map(|l| l.amount.minor).sum();
    assert_eq!(sum, r.total.minor);
}

proptest! {
    /// Going there and straight back at the same moment costs nothing, before setup fees.
    #[test]
    fn there_and_back_again_nets_to_zero(
        used in 0u32..=31,
        extra in 1u32..=50,
        months in prop::sample::select(vec![1u32, 12]),
    ) {
        let at = PeriodPosition { days_used: used, days_in_period: 31 };
        let a = sel(months, &[], &[]);
        let b = sel(months, &[("support", 1)], &[("users", extra)]);
        let there = change_quote((&basic(), &a), (&pro(), &b), at, full(&basic(), &a, at), 2000).unwrap();
        let back = change_quote((&pro(), &b), (&basic(), &a), at, full(&pro(), &b, at), 2000).unwrap();
        prop_assert_eq!(there.subtotal.minor + back.subtotal.minor, 0);
        prop_assert_eq!(there.total.minor + back.total.minor, 0);
        let sum: i64 = there.lines.iter().map(|l| l.amount.minor).sum();
        prop_assert_eq!(sum, there.total.minor);
    }

    /// At the start of a period a change costs the difference of the two period prices; at its
    /// end, only the setup fees.
    #[test]
    fn proration_runs_from_the_full_difference_to_nothing(extra in 1u32..=10) {
        let a = sel(1, &[], &[]);
        let b = sel(1, &[], &[("storage", extra)]);
        let start = PeriodPosition { days_used: 0, days_in_period: 30 };
        let end = PeriodPosition { days_used: 30, days_in_period: 30 };
        let q0 = change_quote((&pro(), &a), (&pro(), &b), start, full(&pro(), &a, start), 0).unwrap();
        let q1 = change_quote((&pro(), &a), (&pro(), &b), end, full(&pro(), &a, end), 0).unwrap();
        let setup = i64::from(extra) * 100;
        prop_assert_eq!(q0.total.minor, i64::from(extra) * 50 + setup);
        prop_assert_eq!(q1.total.minor, setup);
    }
}

#[test]
fn a_renewal_draws_credit_before_tax_and_never_below_zero() {
    let s = sel(1, &[], &[]);
    let (q, used) = renewal_with_credit(&pro(), &s, 2000, 300).unwrap();
    assert_eq!(used, eur(300));
    assert_eq!(q.subtotal, eur(700));
    assert_eq!(q.tax, eur(140));
    assert_eq!(q.total, eur(840));
    let sum: i64 = q.lines.iter().map(|l| l.amount.minor).sum();
    assert_eq!(sum, q.total.minor);
    let (q, used) = renewal_with_credit(&pro(), &s, 2000, 5000).unwrap();
    assert_eq!((used, q.total), (eur(1000), eur(0)));
    let (q, used) = renewal_with_credit(&pro(), &s, 2000, 0).unwrap();
    assert_eq!((used, q.total), (eur(0), eur(1200)));
}

/// The first period sold below the renewal price: the credit is what was paid, not the renewal.
#[test]
fn an_upgrade_on_the_first_day_credits_what_was_paid_not_the_renewal_price() {
    let s = sel(12, &[], &[]);
    let at = PeriodPosition {
        days_used: 0,
        days_in_period: 365,
    };
    // Renewal is 110.00 a year; the first year was invoiced 100.00.
    let paid = PaidPeriod {
        amount: eur(10_000),
        days: 365,
    };
    let q = change_quote(
        (&pro(), &s),
        (&pro(), &sel(12, &[], &[("users", 1)])),
        at,
        paid,
        0,
    )
    .unwrap();
    assert_eq!(q.lines[0].kind, LineKind::Credit);
    assert_eq!(q.lines[0].amount, eur(-10_000));
}

proptest! {
    /// Whatever the configurations, period, moment of the change and price changes since, the
    /// credit for unused time never exceeds what was paid for the period.
    #[test]
    fn credit_never_exceeds_what_was_paid(
        months in prop::sample::select(vec![1u32, 12]),
        days_in_period in 28u32..=366,
        used_permille in 0u32..=1000,
        paid_from_permille in 0u32..=1000,
        paid_minor in 0i64..=1_000_000,
        users_a in 0u32..=20,
        users_b in 0u32..=20,
        support in any::<bool>(),
        renewal_raise in 0i64..=100_000,
        upgrade in any::<bool>(),
    ) {
        let days_used = days_in_period * used_permille / 1000;
        // The paid amount covers the period from some day up to its end (after earlier changes).
        let paid_days = days_in_period - days_in_period * paid_from_permille / 1000;
        let paid_days = paid_days.max(days_in_period - days_used);
        let at = PeriodPosition { days_used, days_in_period };
        let paid = PaidPeriod { amount: eur(paid_minor), days: paid_days };
        let mut raised = pro();
        for p in &mut raised.periods {
            p.renewal_fee = Money::new(p.renewal_fee.minor + renewal_raise, p.renewal_fee.currency);
        }
        let a = sel(months, &[], &[("users", users_a)]);
        let addons: &[(&str, u32)] = if support { &[("support", 1)] } else { &[] };
        let b = sel(months, addons, &[("users", users_b)]);
        let (old_plan, new_plan) = if upgrade { (basic(), raised) } else { (raised, basic()) };
        if let Ok(q) = change_quote((&old_plan, &a), (&new_plan, &b), at, paid, 2000) {
            let credit: i64 = q.lines.iter().filter(|l| l.kind == LineKind::Credit).map(|l| -l.amount.minor).sum();
            prop_assert!(credit >= 0);
            prop_assert!(credit <= paid_minor, "credit {} > paid {}", credit, paid_minor);
            let sum: i64 = q.lines.iter().map(|l| l.amount.minor).sum();
            prop_assert_eq!(sum, q.total.minor);
        }
    }
}
