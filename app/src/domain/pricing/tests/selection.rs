//! Selection errors and their messages.

use super::*;

#[test]
fn selection_errors_have_clear_messages() {
    let plan = pro();
    assert_eq!(
        err(&plan, &sel(5, &[], &[]), 0),
        "This plan is not sold for 5 months"
    );
    assert_eq!(
        err(&plan, &sel(0, &[], &[]), 0),
        "This plan is not sold for 0 months"
    );
    let monthly_only = PricedPlan {
        periods: vec![period(12, 0, 1, 1)],
        ..pro()
    };
    assert_eq!(
        err(&monthly_only, &sel(1, &[], &[]), 0),
        "This plan is not sold for 1 month"
    );
    assert_eq!(
        err(&plan, &sel(1, &[("x", 1)], &[]), 0),
        "The add-on \"x\" is not sold with this plan"
    );
    assert_eq!(
        err(&plan, &sel(1, &[("backup", 0)], &[]), 0),
        "Choose at least 1 of the add-on \"Backup\""
    );
    assert_eq!(
        err(&plan, &sel(1, &[("backup", 11)], &[]), 0),
        "You can order at most 10 of the add-on \"Backup\""
    );
    assert_eq!(
        err(&plan, &sel(1, &[("backup", 1), ("backup", 2)], &[]), 0),
        "The add-on \"Backup\" was selected more than once"
    );
    assert_eq!(
        err(&plan, &sel(1, &[], &[("cpus", 1)]), 0),
        "Extra \"cpus\" cannot be ordered with this plan"
    );
    assert_eq!(
        err(&plan, &sel(1, &[], &[("users", 0)]), 0),
        "The number of extra users must be at least 1"
    );
    assert_eq!(
        err(&plan, &sel(1, &[], &[("users", 51)]), 0),
        "You can order at most 50 extra users"
    );
    assert_eq!(
        err(&plan, &sel(1, &[], &[("users", 1), ("users", 1)]), 0),
        "Extra users were selected more than once"
    );
    let mut closed = pro();
    closed.addons[0].max_quantity = 0;
    closed.resources[0].max_extra = 0;
    assert_eq!(
        err(&closed, &sel(1, &[("backup", 1)], &[]), 0),
        "The add-on \"backup\" is not sold with this plan"
    );
    assert_eq!(
        err(&closed, &sel(1, &[], &[("users", 1)]), 0),
        "This plan does not sell extra users"
    );
    // Limits themselves are accepted.
    assert!(quote(&plan, &sel(1, &[("backup", 10)], &[("users", 50)]), 0).is_ok());
}
