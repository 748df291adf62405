//! Tax rounding and tax rate labels.

use super::*;

#[test]
fn tax_rounds_half_up_once_on_the_subtotal() {
    assert_eq!(tax_on(eur(5), 1000).unwrap(), eur(1)); // 0.5 → 1
    assert_eq!(tax_on(eur(4), 1000).unwrap(), eur(0)); // 0.4 → 0
    assert_eq!(tax_on(eur(15), 1000).unwrap(), eur(2)); // 1.5 → 2
    assert_eq!(tax_on(eur(-5), 1000).unwrap(), eur(-1));
    assert_eq!(tax_on(eur(9999), 1).unwrap(), eur(1)); // 0.9999 → 1
    assert_eq!(tax_on(eur(i64::MAX), 10_000).unwrap(), eur(i64::MAX));
    assert!(tax_on(eur(1), 10_001).is_err());
    // Two lines of 0.05 at 10 %: per-line rounding would give 0.02, once on the subtotal 0.01.
    let plan = PricedPlan {
        addons: vec![addon("a", "A", 0, 5, 1)],
        periods: vec![period(1, 0, 5, 5)],
        resources: vec![],
        ..pro()
    };
    let q = quote(&plan, &sel(1, &[("a", 1)], &[]), 1000).unwrap();
    assert_eq!(q.subtotal, eur(10));
    assert_eq!(q.tax, eur(1));
}

#[test]
fn percent_labels() {
    assert_eq!(percent_label(2000), "20%");
    assert_eq!(percent_label(1950), "19.5%");
    assert_eq!(percent_label(825), "8.25%");
    assert_eq!(percent_label(5), "0.05%");
    assert_eq!(percent_label(0), "0%");
}
