//! Billing periods, plan consistency checks and metered overage.

use super::*;

#[test]
fn billing_period_validates_and_labels() {
    assert_eq!(BillingPeriod::new(1).unwrap().label(), "1 month");
    assert_eq!(BillingPeriod::new(12).unwrap().label(), "12 months");
    assert_eq!(BillingPeriod::new(36).unwrap().to_string(), "36 months");
    assert_eq!(BillingPeriod::new(12).unwrap().months(), 12);
    for bad in [0, 37, u32::MAX] {
        assert_eq!(
            BillingPeriod::new(bad).unwrap_err().to_string(),
            format!("A billing period must be between 1 and 36 months, not {bad}")
        );
    }
    assert_eq!(
        serde_json::to_string(&BillingPeriod::new(6).unwrap()).unwrap(),
        "6"
    );
    assert_eq!(
        serde_json::from_str::<BillingPeriod>("24").unwrap(),
        BillingPeriod::new(24).unwrap()
    );
    assert!(serde_json::from_str::<BillingPeriod>("0").is_err());
    assert_eq!(u32::from(BillingPeriod::try_from(3).unwrap()), 3);
}

#[test]
fn inconsistent_plans_are_refused() {
    let check = |plan: PricedPlan, expected: &str| {
        assert_eq!(plan.validate().unwrap_err().to_string(), expected);
        assert_eq!(err(&plan, &sel(1, &[], &[]), 0), expected);
    };
    let mut p = pro();
    p.periods[1].renewal_fee = Money::new(11_000, Currency::USD);
    check(
        p,
        "The renewal price for 12 months is in USD but the plan \"pro\" is priced in EUR",
    );
    let mut p = pro();
    p.addons[1].recurring_fee_per_unit = Money::new(1, Currency::GBP);
    check(
        p,
        "The monthly price of the add-on \"support\" is in GBP but the plan \"pro\" is priced in EUR",
    );
    let mut p = pro();
    p.resources[0].overage_per_unit = Money::new(1, Currency::USD);
    check(
        p,
        "The overage price of \"users\" is in USD but the plan \"pro\" is priced in EUR",
    );
    let mut p = pro();
    p.periods[0].setup_fee = eur(-1);
    check(
        p,
        "The setup fee for 1 month of the plan \"pro\" must not be negative",
    );
    let mut p = pro();
    p.resources[1].setup_fee_per_unit = eur(-1);
    check(
        p,
        "The setup fee per extra unit of \"storage\" of the plan \"pro\" must not be negative",
    );
    let mut p = pro();
    p.periods.push(period(12, 0, 1, 1));
    check(
        p,
        "The plan \"pro\" lists the 12 months period more than once",
    );
    let mut p = pro();
    p.periods.push(period(40, 0, 1, 1));
    check(
        p,
        "The plan \"pro\" is invalid: A billing period must be between 1 and 36 months, not 40",
    );
    let mut p = pro();
    p.addons.push(addon("backup", "Again", 0, 0, 1));
    check(
        p,
        "The plan \"pro\" lists the add-on \"backup\" more than once",
    );
    let mut p = pro();
    p.resources.push(resource("users", 0, 0, 0, 1));
    check(
        p,
        "The plan \"pro\" lists the resource \"users\" more than once",
    );
    let p = PricedPlan {
        periods: vec![],
        ..pro()
    };
    check(p, "The plan \"pro\" has no billing periods");
    assert!(pro().validate().is_ok());
}

#[test]
fn overage_charge_counts_units_beyond_the_allowance() {
    let users = resource("users", 5, 0, 400, 50); // overage 5.00
    assert_eq!(users.overage_charge(0, 0).unwrap(), eur(0));
    assert_eq!(users.overage_charge(5, 0).unwrap(), eur(0));
    assert_eq!(users.overage_charge(7, 0).unwrap(), eur(1000));
    assert_eq!(users.overage_charge(7, 2).unwrap(), eur(0));
    assert_eq!(users.overage_charge(9, 2).unwrap(), eur(1000));
    assert_eq!(users.overage_charge(u32::MAX, u32::MAX).unwrap(), eur(0));
    let pricey = ResourceRate {
        overage_per_unit: eur(i64::MAX),
        ..users
    };
    assert!(pricey.overage_charge(7, 0).is_err());
}
