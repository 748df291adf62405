use chrono::{TimeZone, Utc};

use super::*;
use crate::domain::pricing::{
    quote, AddonPrice, Discount, LineKind, PeriodPrice, PricedPlan, Selection,
};
use crate::domain::{Currency, Money};

fn eur(minor: i64) -> Money {
    Money::new(minor, Currency::EUR)
}

fn coupon(discount: Discount, duration: CouponDuration) -> Coupon {
    Coupon {
        code: CouponCode::parse("save10").unwrap(),
        discount,
        duration,
        plan_family: None,
        storefront: None,
        max_redemptions: None,
        expires_at: None,
        active: true,
    }
}

fn sale(currency: Currency) -> Sale<'static> {
    Sale {
        plan_family: "erp-business",
        storefront: "main",
        currency,
        now: Utc.with_ymd_and_hms(2026, 1, 10, 12, 0, 0).unwrap(),
    }
}

/// ERP Business for 12 months: 499.00, renewing at 529.00, a 99.00 setup fee.
fn plan() -> PricedPlan {
    PricedPlan {
        code: "erp-business".into(),
        currency: Currency::EUR,
        periods: vec![PeriodPrice {
            period_months: 12,
            setup_fee: eur(9900),
            recurring_fee: eur(49_900),
            renewal_fee: eur(52_900),
        }],
        addons: vec![AddonPrice {
            code: "support".into(),
            name: "Support".into(),
            setup_fee: eur(0),
            recurring_fee_per_unit: eur(1000),
            max_quantity: 1,
        }],
        resources: vec![],
        trial_days: 0,
    }
}

fn sel() -> Selection {
    Selection {
        period_months: 12,
        addons: vec![],
        extra_resources: vec![],
    }
}

#[test]
fn codes_are_upper_cased_and_checked() {
    assert_eq!(CouponCode::parse(" save-10 ").unwrap().as_str(), "SAVE-10");
    for bad in ["ab", "", "has space", "a!b", &"X".repeat(33), "ÄBC"] {
        assert!(CouponCode::parse(bad).is_err(), "{bad}");
    }
    assert!(CouponCode::parse(&"X".repeat(32)).is_ok());
}

#[test]
fn durations_say_which_periods_are_discounted() {
    assert!(CouponDuration::Once.applies_to_period(0));
    assert!(!CouponDuration::Once.applies_to_period(1));
    let three = CouponDuration::periods(3).unwrap();
    assert!((0..3).all(|k| three.applies_to_period(k)));
    assert!(!three.applies_to_period(3));
    assert!(CouponDuration::Forever.applies_to_period(1000));
    assert!(CouponDuration::periods(0).is_err());
    assert_eq!(three.renewals_after_order(), Some(2));
    assert_eq!(CouponDuration::Once.renewals_after_order(), Some(0));
    assert_eq!(CouponDuration::Forever.renewals_after_order(), None);
}

#[test]
fn each_refusal_has_its_reason() {
    let ok = coupon(Discount::Percent(1000), CouponDuration::Once);
    assert_eq!(ok.check(&sale(Currency::EUR), 0), Ok(()));
    let inactive = Coupon {
        active: false,
        ..ok.clone()
    };
    assert_eq!(
        inactive.check(&sale(Currency::EUR), 0),
        Err(Refusal::Unknown)
    );
    let expired = Coupon {
        expires_at: Some(Utc.with_ymd_and_hms(2026, 1, 10, 12, 0, 0).unwrap()),
        ..ok.clone()
    };
    assert_eq!(
        expired.check(&sale(Currency::EUR), 0),
        Err(Refusal::Expired)
    );
    let limited = Coupon {
        max_redemptions: Some(10),
        ..ok.clone()
    };
    assert_eq!(limited.check(&sale(Currency::EUR), 9), Ok(()));
    assert_eq!(
        limited.check(&sale(Currency::EUR), 10),
        Err(Refusal::UsedUp)
    );
    let other_plan = Coupon {
        plan_family: Some("erp-enterprise".into()),
        ..ok.clone()
    };
    assert_eq!(
        other_plan.check(&sale(Currency::EUR), 0),
        Err(Refusal::OtherPlan)
    );
    let other_shop = Coupon {
        storefront: Some("us".into()),
        ..ok.clone()
    };
    assert_eq!(
        other_shop.check(&sale(Currency::EUR), 0),
        Err(Refusal::OtherStorefront)
    );
    let usd = coupon(
        Discount::Fixed(Money::new(500, Currency::USD)),
        CouponDuration::Once,
    );
    assert_eq!(
        usd.check(&sale(Currency::EUR), 0),
        Err(Refusal::OtherCurrency)
    );
    assert_eq!(usd.check(&sale(Currency::USD), 0), Ok(()));
}

#[test]
fn a_percentage_comes_off_the_setup_and_the_period_before_tax() {
    let q = quote(&plan(), &sel(), 2000).unwrap();
    let c = coupon(Discount::Percent(1000), CouponDuration::periods(2).unwrap());
    let dq = c.apply(q, 0, 2000).unwrap();
    // (99.00 + 499.00) less 10 % = 538.20, then 20 % tax.
    let discount = dq
        .lines
        .iter()
        .find(|l| l.kind == LineKind::Discount)
        .unwrap();
    assert_eq!(discount.amount, eur(-5980));
    assert_eq!(discount.description, "Coupon SAVE10 (10%)");
    assert_eq!(dq.subtotal, eur(53_820));
    assert_eq!(dq.tax, eur(10_764));
    assert_eq!(dq.total, eur(64_584));
    assert_eq!(dq.lines.last().map(|l| l.kind), Some(LineKind::Tax));
    // The next period is discounted too: 529.00 less 10 %, taxed.
    assert_eq!(dq.recurring_total, eur(57_132));
    // The service paid is the period's price less the discount.
    assert_eq!(dq.service_paid(), eur(49_900 - 5980));
}

#[test]
fn a_fixed_amount_never_takes_the_total_below_zero() {
    let q = quote(&plan(), &sel(), 2000).unwrap();
    let c = coupon(Discount::Fixed(eur(1_000_000)), CouponDuration::Once);
    let dq = c.apply(q.clone(), 0, 2000).unwrap();
    assert!(dq.total.is_zero());
    // Only the first period: the renewal keeps its price.
    assert_eq!(dq.recurring_total, q.recurring_total);
    assert_eq!(c.apply(q.clone(), 1, 2000).unwrap(), q, "not on a renewal");
}

#[test]
fn a_fixed_amount_in_another_currency_is_refused_by_the_pricing_too() {
    let q = quote(&plan(), &sel(), 0).unwrap();
    let c = coupon(
        Discount::Fixed(Money::new(500, Currency::USD)),
        CouponDuration::Once,
    );
    assert!(c.apply(q, 0, 0).is_err());
}

#[test]
fn percent_and_fixed_are_checked() {
    assert!(Discount::percent(0).is_err());
    assert!(Discount::percent(10_001).is_err());
    assert_eq!(Discount::percent(10_000), Ok(Discount::Percent(10_000)));
    assert!(Discount::fixed(eur(0)).is_err());
    assert_eq!(Discount::Fixed(eur(500)).label(), "EUR 5.00");
}

#[test]
fn a_change_is_discounted_before_tax_and_a_credit_is_refused() {
    use crate::domain::pricing::{change_quote, PaidPeriod, PeriodPosition};
    let with_support = Selection {
        addons: vec![("support".into(), 1)],
        ..sel()
    };
    let half = PeriodPosition {
        days_used: 183,
        days_in_period: 365,
    };
    let paid = PaidPeriod {
        amount: eur(49_900),
        days: 365,
    };
    // Adding support half way: 10.00 for the rest of the period, prorated, then 20 % tax.
    let up = change_quote(
        (&plan(), &sel()),
        (&plan(), &with_support),
        half,
        paid,
        2000,
    )
    .unwrap();
    let c = coupon(Discount::Percent(1000), CouponDuration::Once);
    let dq = c.apply_to_change(up.clone(), 2000).unwrap();
    let off = (up.subtotal.minor + 5) / 10;
    assert_eq!(dq.discount(), eur(off));
    assert_eq!(dq.subtotal, eur(up.subtotal.minor - off));
    assert_eq!(
        dq.tax,
        crate::domain::pricing::tax_on(dq.subtotal, 2000).unwrap()
    );
    assert_eq!(dq.total, eur(dq.subtotal.minor + dq.tax.minor));
    assert_eq!(dq.lines.last().map(|l| l.kind), Some(LineKind::Tax));
    let sum: i64 = dq.lines.iter().map(|l| l.amount.minor).sum();
    assert_eq!(sum, dq.total.minor, "the lines add up to the total");
    // A once-only coupon leaves the renewal price alone; one for two periods lowers it too.
    assert_eq!(dq.renewal, up.renewal);
    let twice = coupon(Discount::Percent(1000), CouponDuration::periods(2).unwrap());
    let dq2 = twice.apply_to_change(up.clone(), 2000).unwrap();
    assert!(dq2.renewal.total.minor < up.renewal.total.minor);
    // Taking support away again is a credit: nothing to take a coupon off.
    let paid_with_support = PaidPeriod {
        amount: eur(60_000),
        days: 365,
    };
    let down = change_quote(
        (&plan(), &with_support),
        (&plan(), &sel()),
        half,
        paid_with_support,
        2000,
    )
    .unwrap();
    assert!(down.total.minor < 0);
    assert!(c.apply_to_change(down, 2000).is_err());
}
