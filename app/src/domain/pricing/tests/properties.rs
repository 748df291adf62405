//! Property tests over generated plans and selections, and over proration.

use proptest::prelude::*;

use super::*;

fn price() -> impl Strategy<Value = Money> {
    (0i64..=1_000_000).prop_map(eur)
}

fn any_plan() -> impl Strategy<Value = PricedPlan> {
    (
        proptest::collection::btree_map(1u32..=36, (price(), price(), price()), 1..4),
        proptest::collection::vec((price(), price(), 1u32..20), 0..4),
        proptest::collection::vec((0u32..10, price(), price(), price(), 1u32..100), 0..3),
        0u32..30,
    )
        .prop_map(|(periods, addons, resources, trial_days)| PricedPlan {
            code: "gen".into(),
            currency: EUR,
            periods: periods
                .into_iter()
                .map(|(months, (setup, recurring, renewal))| PeriodPrice {
                    period_months: months,
                    setup_fee: setup,
                    recurring_fee: recurring,
                    renewal_fee: renewal,
                })
                .collect(),
            addons: addons
                .into_iter()
                .enumerate()
                .map(|(i, (setup, monthly, max))| AddonPrice {
                    code: format!("a{i}"),
                    name: format!("Add-on {i}"),
                    setup_fee: setup,
                    recurring_fee_per_unit: monthly,
                    max_quantity: max,
                })
                .collect(),
            resources: resources
                .into_iter()
                .enumerate()
                .map(
                    |(i, (included, setup, monthly, overage, max))| ResourceRate {
                        code: format!("r{i}"),
                        name: format!("resource {i}"),
                        included,
                        setup_fee_per_unit: setup,
                        recurring_fee_per_unit: monthly,
                        overage_per_unit: overage,
                        max_extra: max,
                    },
                )
                .collect(),
            trial_days,
        })
}

/// A plan, a valid selection for it and a tax rate.
fn plan_and_selection() -> impl Strategy<Value = (PricedPlan, Selection, u32)> {
    any_plan().prop_flat_map(|plan| {
        let months: Vec<u32> = plan.periods.iter().map(|p| p.period_months).collect();
        let addons: Vec<_> = plan
            .addons
            .iter()
            .map(|a| proptest::option::of((Just(a.code.clone()), 1..=a.max_quantity)))
            .collect();
        let resources: Vec<_> = plan
            .resources
            .iter()
            .map(|r| proptest::option::of((Just(r.code.clone()), 1..=r.max_extra)))
            .collect();
        (
            Just(plan),
            proptest::sample::select(months),
            addons,
            resources,
            0u32..=MAX_TAX_RATE_BASIS_POINTS,
        )
            .prop_map(|(plan, months, addons, resources, rate)| {
                let s = Selection {
                    period_months: months,
                    addons: addons.into_iter().flatten().collect(),
                    extra_resources: resources.into_iter().flatten().collect(),
                };
                (plan, s, rate)
            })
    })
}

/// Every selection reachable by adding one unit to one add-on or resource.
fn one_more(plan: &PricedPlan, s: &Selection) -> Vec<Selection> {
    fn bump(list: &[(String, u32)], code: &str, max: u32) -> Option<Vec<(String, u32)>> {
        let mut list = list.to_vec();
        match list.iter_mut().find(|(c, _)| c == code) {
            Some((_, qty)) if *qty < max => *qty += 1,
            Some(_) => return None,
            None => list.push((code.to_owned(), 1)),
        }
        Some(list)
    }
    let mut out = Vec::new();
    for a in &plan.addons {
        if let Some(addons) = bump(&s.addons, &a.code, a.max_quantity) {
            out.push(Selection {
                addons,
                ..s.clone()
            });
        }
    }
    for r in &plan.resources {
        if let Some(extra_resources) = bump(&s.extra_resources, &r.code, r.max_extra) {
            out.push(Selection {
                extra_resources,
                ..s.clone()
            });
        }
    }
    out
}

proptest! {
    #[test]
    fn quote_totals_are_consistent((plan, s, rate) in plan_and_selection()) {
        let q = quote(&plan, &s, rate).unwrap();
        let mut sum = 0i64;
        for line in &q.lines {
            prop_assert_eq!(line.unit_price.times(line.quantity).unwrap(), line.amount);
            prop_assert_eq!(line.amount.currency, EUR);
            prop_assert!(!line.amount.is_negative());
            sum += line.amount.minor;
        }
        prop_assert_eq!(sum, q.total.minor);
        prop_assert_eq!(q.subtotal.minor + q.tax.minor, q.total.minor);
        prop_assert_eq!(q.setup_total.minor + q.first_period_total.minor, q.subtotal.minor);
        let setup: i64 = q.lines.iter().filter(|l| l.kind.is_setup()).map(|l| l.amount.minor).sum();
        prop_assert_eq!(setup, q.setup_total.minor);
        let first: i64 = q.lines.iter().filter(|l| l.kind.is_recurring()).map(|l| l.amount.minor).sum();
        prop_assert_eq!(first, q.first_period_total.minor);
        for m in [q.setup_total, q.first_period_total, q.subtotal, q.tax, q.total,
                  q.recurring_subtotal, q.recurring_tax, q.recurring_total] {
            prop_assert!(!m.is_negative());
        }
        prop_assert_eq!(q.recurring_subtotal.minor + q.recurring_tax.minor, q.recurring_total.minor);
    }

    #[test]
    fn tax_is_rounded_once_and_deterministically((plan, s, rate) in plan_and_selection()) {
        let q = quote(&plan, &s, rate).unwrap();
        prop_assert_eq!(&quote(&plan, &s, rate).unwrap(), &q);
        // Selection order does not matter.
        let mut reversed = s.clone();
        reversed.addons.reverse();
        reversed.extra_resources.reverse();
        prop_assert_eq!(&quote(&plan, &reversed, rate).unwrap(), &q);
        let exact = i128::from(q.subtotal.minor) * i128::from(rate);
        let scaled_tax = i128::from(q.tax.minor) * 10_000;
        // tax ≤ subtotal × rate / 10000 + 1 minor unit, and within half a unit either way.
        prop_assert!(scaled_tax <= exact + 10_000);
        prop_assert!((scaled_tax - exact).abs() <= 5_000);
        prop_assert!(q.tax.minor <= q.subtotal.minor);
        prop_assert_eq!(q.lines.iter().filter(|l| l.kind == LineKind::Tax).count(), usize::from(rate > 0));
    }

    #[test]
    fn total_is_monotone_in_every_quantity((plan, s, rate) in plan_and_selection()) {
        let q = quote(&plan, &s, rate).unwrap();
        for bigger in one_more(&plan, &s) {
            let b = quote(&plan, &bigger, rate).unwrap();
            prop_assert!(b.total.minor >= q.total.minor);
            prop_assert!(b.subtotal.minor >= q.subtotal.minor);
            prop_assert!(b.recurring_total.minor >= q.recurring_total.minor);
        }
    }

    #[test]
    fn total_is_monotone_in_the_tax_rate((plan, s, rate) in plan_and_selection()) {
        prop_assume!(rate < MAX_TAX_RATE_BASIS_POINTS);
        let q = quote(&plan, &s, rate).unwrap();
        let higher = quote(&plan, &s, rate + 1).unwrap();
        prop_assert!(higher.total.minor >= q.total.minor);
        prop_assert!(higher.recurring_total.minor >= q.recurring_total.minor);
    }

    #[test]
    fn trial_quotes_are_free_now((plan, s, rate) in plan_and_selection()) {
        match trial_quote(&plan, &s, rate) {
            Ok(t) => {
                let q = quote(&plan, &s, rate).unwrap();
                prop_assert!(plan.trial_days > 0);
                prop_assert!(t.total.is_zero() && t.subtotal.is_zero() && t.tax.is_zero());
                prop_assert!(t.lines.iter().all(|l| l.amount.is_zero()));
                prop_assert_eq!(t.recurring_total, q.recurring_total);
            }
            Err(e) => {
                prop_assert_eq!(plan.trial_days, 0);
                prop_assert_eq!(e.to_string(), "This plan has no free trial");
            }
        }
    }

    #[test]
    fn quote_never_panics_on_arbitrary_selections(
        plan in any_plan(),
        months in 0u32..40,
        addons in proptest::collection::vec(("a[0-4]", 0u32..25), 0..5),
        extra in proptest::collection::vec(("r[0-3]", 0u32..120), 0..4),
        rate in 0u32..20_000,
    ) {
        let s = Selection { period_months: months, addons, extra_resources: extra };
        if let Ok(q) = quote(&plan, &s, rate) {
            prop_assert_eq!(q.subtotal.minor + q.tax.minor, q.total.minor);
            prop_assert!(rate <= MAX_TAX_RATE_BASIS_POINTS);
        }
    }

    #[test]
    fn prorate_splits_exactly(
        amount in any::<i64>(),
        (used, days) in (1u32..=3660).prop_flat_map(|d| (0..=d, Just(d))),
    ) {
        let (u, rest) = prorate(eur(amount), used, days).unwrap();
        prop_assert_eq!(i128::from(u.minor) + i128::from(rest.minor), i128::from(amount));
        prop_assert!(u.minor.unsigned_abs() <= amount.unsigned_abs());
        prop_assert!(rest.minor.unsigned_abs() <= amount.unsigned_abs());
        prop_assert!(amount == 0 || u.minor == 0 || u.minor.signum() == amount.signum());
        // Within half a minor unit of the exact share.
        let exact = i128::from(amount) * i128::from(used);
        prop_assert!((i128::from(u.minor) * i128::from(days) - exact).abs() * 2 <= i128::from(days));
        if used < days {
            let (more, _) = prorate(eur(amount), used + 1, days).unwrap();
            if amount >= 0 {
                prop_assert!(more.minor >= u.minor);
            } else {
                prop_assert!(more.minor <= u.minor);
            }
        }
    }
}

/// A percentage (1..=100 %) or a fixed amount in euros.
fn any_discount() -> impl Strategy<Value = Discount> {
    prop_oneof![
        (1u32..=10_000).prop_map(Discount::Percent),
        (1i64..=2_000_000).prop_map(|m| Discount::Fixed(eur(m))),
    ]
}

proptest! {
    #[test]
    fn discounted_lines_still_sum_to_the_total(
        (plan, s, rate) in plan_and_selection(),
        d in any_discount(),
        renewals in any::<bool>(),
    ) {
        let q = quote(&plan, &s, rate).unwrap();
        let dq = discounted(q.clone(), &d, "Coupon".into(), rate, renewals).unwrap();
        let sum: i64 = dq.lines.iter().map(|l| l.amount.minor).sum();
        prop_assert_eq!(sum, dq.total.minor);
        prop_assert_eq!(dq.subtotal.minor + dq.tax.minor, dq.total.minor);
        let off: i64 = dq.lines.iter().filter(|l| l.kind == LineKind::Discount).map(|l| l.amount.minor).sum();
        // Never more than the subtotal before tax, never an increase, never below zero.
        prop_assert!(off <= 0 && -off <= q.subtotal.minor);
        prop_assert_eq!(dq.subtotal.minor, q.subtotal.minor + off);
        prop_assert!(!dq.subtotal.is_negative() && !dq.total.is_negative());
        prop_assert!(dq.total.minor <= q.total.minor);
        prop_assert_eq!(dq.setup_total.minor + dq.first_period_total.minor + off, dq.subtotal.minor);
        prop_assert_eq!(dq.tax, tax_on(dq.subtotal, rate).unwrap());
        prop_assert!(dq.recurring_total.minor <= q.recurring_total.minor);
        prop_assert!(!dq.recurring_subtotal.is_negative());
        prop_assert!(dq.service_paid().minor <= q.first_period_total.minor);
        if !renewals {
            prop_assert_eq!(dq.recurring_total, q.recurring_total);
        }
    }

    #[test]
    fn a_full_percentage_leaves_nothing_to_pay((plan, s, rate) in plan_and_selection()) {
        let q = quote(&plan, &s, rate).unwrap();
        let dq = discounted(q, &Discount::Percent(10_000), "Coupon".into(), rate, true).unwrap();
        prop_assert!(dq.total.is_zero() && dq.subtotal.is_zero() && dq.tax.is_zero());
        prop_assert!(dq.recurring_total.is_zero());
        prop_assert!(dq.service_paid().is_zero());
    }

    #[test]
    fn a_discounted_renewal_draws_credit_on_what_is_left(
        (plan, s, rate) in plan_and_selection(),
        d in any_discount(),
        credit in 0i64..3_000_000,
    ) {
        let q = renewal_quote(&plan, &s, rate).unwrap();
        let dq = discounted(q, &d, "Coupon".into(), rate, false).unwrap();
        let (cq, used) = draw_credit(dq.clone(), rate, credit).unwrap();
        prop_assert!(used.minor <= dq.subtotal.minor && used.minor <= credit);
        let sum: i64 = cq.lines.iter().map(|l| l.amount.minor).sum();
        prop_assert_eq!(sum, cq.total.minor);
        prop_assert!(!cq.total.is_negative());
    }
}
