//! Paid and trial quotes: lines, totals, overflow and serialization.

use super::*;

#[test]
fn monthly_quote_without_extras() {
    let q = quote(&pro(), &sel(1, &[], &[]), 2000).unwrap();
    assert_eq!(q.currency, EUR);
    assert_eq!(q.period_months, 1);
    assert_eq!(q.trial_days, 0);
    let lines: Vec<_> = q
        .lines
        .iter()
        .map(|l| {
            (
                l.kind,
                l.description.as_str(),
                l.quantity,
                l.unit_price.minor,
                l.amount.minor,
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            (LineKind::Setup, "Setup fee", 1, 4900, 4900),
            (LineKind::Recurring, "Subscription (1 month)", 1, 1000, 1000),
            (LineKind::Tax, "Tax (20%)", 1, 1180, 1180),
        ]
    );
    assert_eq!(q.setup_total, eur(4900));
    assert_eq!(q.first_period_total, eur(1000));
    assert_eq!(q.subtotal, eur(5900));
    assert_eq!(q.tax, eur(1180));
    assert_eq!(q.total, eur(7080));
    assert_eq!(q.recurring_subtotal, eur(1000));
    assert_eq!(q.recurring_tax, eur(200));
    assert_eq!(q.recurring_total, eur(1200));
    assert_eq!(q.total.to_string(), "70.80 EUR");
}

#[test]
fn yearly_quote_with_addons_and_resources_in_plan_order() {
    // Selection order differs from plan order on purpose.
    let s = sel(
        12,
        &[("support", 1), ("backup", 3)],
        &[("storage", 20), ("users", 2)],
    );
    let q = quote(&pro(), &s, 1950).unwrap();
    let lines: Vec<_> = q
        .lines
        .iter()
        .map(|l| {
            (
                l.kind,
                l.description.as_str(),
                l.quantity,
                l.unit_price.minor,
                l.amount.minor,
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            (
                LineKind::Recurring,
                "Subscription (12 months)",
                1,
                10_000,
                10_000
            ),
            (LineKind::AddonSetup, "Backup, setup fee", 1, 500, 500),
            (
                LineKind::AddonRecurring,
                "Backup (12 months)",
                3,
                2400,
                7200
            ),
            (
                LineKind::AddonRecurring,
                "Priority support (12 months)",
                1,
                18_000,
                18_000
            ),
            (
                LineKind::ResourceRecurring,
                "Extra users (12 months)",
                2,
                4800,
                9600
            ),
            (
                LineKind::ResourceSetup,
                "Extra storage, setup fee",
                20,
                100,
                2000
            ),
            (
                LineKind::ResourceRecurring,
                "Extra storage (12 months)",
                20,
                600,
                12_000
            ),
            (LineKind::Tax, "Tax (19.5%)", 1, 11_564, 11_564),
        ]
    );
    assert_eq!(q.setup_total, eur(2500));
    assert_eq!(q.first_period_total, eur(56_800));
    assert_eq!(q.subtotal, eur(59_300));
    // 593.00 × 19.5 % = 115.635 → 115.64 (half up).
    assert_eq!(q.tax, eur(11_564));
    assert_eq!(q.total, eur(70_864));
    // Renewal: 110.00 + 72.00 + 180.00 + 96.00 + 120.00 = 578.00, tax 112.71.
    assert_eq!(q.recurring_subtotal, eur(57_800));
    assert_eq!(q.recurring_tax, eur(11_271));
    assert_eq!(q.recurring_total, eur(69_071));
}

#[test]
fn zero_rate_has_no_tax_line_and_full_rate_doubles() {
    let q = quote(&pro(), &sel(1, &[], &[]), 0).unwrap();
    assert!(q.lines.iter().all(|l| l.kind != LineKind::Tax));
    assert_eq!(q.tax, eur(0));
    assert_eq!(q.total, q.subtotal);
    let q = quote(&pro(), &sel(1, &[], &[]), 10_000).unwrap();
    assert_eq!(q.tax, q.subtotal);
    assert_eq!(q.lines.last().unwrap().description, "Tax (100%)");
    assert_eq!(
        err(&pro(), &sel(1, &[], &[]), 10_001),
        "A tax rate of 100.01% is not allowed; it must be at most 100%"
    );
}

#[test]
fn overflow_is_reported_not_wrapped() {
    let huge = PricedPlan {
        periods: vec![period(12, i64::MAX, 1, 1)],
        ..pro()
    };
    assert_eq!(err(&huge, &sel(12, &[], &[]), 0), "Amount is too large");
    let mut p = pro();
    p.addons[0].recurring_fee_per_unit = eur(i64::MAX / 12);
    assert_eq!(
        err(&p, &sel(12, &[("backup", 2)], &[]), 0),
        "Amount is too large"
    );
    let mut p = pro();
    p.resources[0].recurring_fee_per_unit = eur(i64::MAX / 2);
    assert_eq!(
        err(&p, &sel(12, &[], &[("users", 1)]), 0),
        "Amount is too large"
    );
    // The subtotal fits but the tax on it does not.
    let p = PricedPlan {
        periods: vec![period(1, 0, i64::MAX - 1, 0)],
        ..pro()
    };
    assert_eq!(err(&p, &sel(1, &[], &[]), 5000), "Amount is too large");
}

#[test]
fn trial_quote_charges_nothing_now_but_shows_the_renewal() {
    let s = sel(12, &[("backup", 2)], &[("users", 3)]);
    let paid = quote(&pro(), &s, 2000).unwrap();
    let trial = trial_quote(&pro(), &s, 2000).unwrap();
    assert_eq!(trial.trial_days, 14);
    assert_eq!(trial.period_months, 12);
    for amount in [
        trial.setup_total,
        trial.first_period_total,
        trial.subtotal,
        trial.tax,
        trial.total,
    ] {
        assert_eq!(amount, eur(0));
    }
    assert!(trial
        .lines
        .iter()
        .all(|l| l.amount.is_zero() && l.unit_price.is_zero()));
    assert!(trial.lines.iter().all(|l| l.kind != LineKind::Tax));
    assert_eq!(trial.lines.len(), paid.lines.len() - 1);
    assert_eq!(trial.recurring_subtotal, paid.recurring_subtotal);
    assert_eq!(trial.recurring_total, paid.recurring_total);
    assert_eq!(
        trial.recurring_total,
        eur((11_000 + 4800 + 14_400) * 12 / 10)
    );

    let no_trial = PricedPlan {
        trial_days: 0,
        ..pro()
    };
    assert_eq!(
        trial_quote(&no_trial, &s, 2000).unwrap_err().to_string(),
        "This plan has no free trial"
    );
    assert_eq!(
        trial_quote(&pro(), &sel(5, &[], &[]), 2000)
            .unwrap_err()
            .to_string(),
        "This plan is not sold for 5 months"
    );
}

#[test]
fn serde_round_trips() {
    let plan = pro();
    let json = serde_json::to_string(&plan).unwrap();
    assert_eq!(serde_json::from_str::<PricedPlan>(&json).unwrap(), plan);
    let s = sel(12, &[("backup", 2)], &[("users", 1)]);
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(
        json,
        r#"{"period_months":12,"addons":[["backup",2]],"extra_resources":[["users",1]]}"#
    );
    assert_eq!(serde_json::from_str::<Selection>(&json).unwrap(), s);
    let q = quote(&plan, &s, 2000).unwrap();
    let json = serde_json::to_string(&q).unwrap();
    assert!(json.contains(r#""kind":"addon_recurring""#), "{json}");
    assert_eq!(serde_json::from_str::<Quote>(&json).unwrap(), q);
}
