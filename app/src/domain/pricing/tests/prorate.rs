//! Proration examples and errors.

use super::*;

#[test]
fn prorate_examples_and_errors() {
    assert_eq!(prorate(eur(3000), 10, 30).unwrap(), (eur(1000), eur(2000)));
    assert_eq!(prorate(eur(1000), 1, 3).unwrap(), (eur(333), eur(667)));
    assert_eq!(prorate(eur(1000), 2, 3).unwrap(), (eur(667), eur(333)));
    assert_eq!(prorate(eur(1), 1, 2).unwrap(), (eur(1), eur(0))); // half up
    assert_eq!(prorate(eur(-1), 1, 2).unwrap(), (eur(-1), eur(0)));
    assert_eq!(prorate(eur(999), 0, 30).unwrap(), (eur(0), eur(999)));
    assert_eq!(prorate(eur(999), 30, 30).unwrap(), (eur(999), eur(0)));
    assert_eq!(
        prorate(eur(i64::MAX), 1, 2).unwrap(),
        (eur(i64::MAX / 2 + 1), eur(i64::MAX / 2))
    );
    assert_eq!(
        prorate(eur(1), 0, 0).unwrap_err().to_string(),
        "A billing period must last at least one day"
    );
    assert_eq!(
        prorate(eur(1), 31, 30).unwrap_err().to_string(),
        "31 days cannot have been used in a period of 30 days"
    );
}
