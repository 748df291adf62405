//! The dunning schedule: parsing what operators type, and the dates it gives.
use chrono::TimeZone;
use proptest::prelude::*;

use super::*;

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0)
        .single()
        .unwrap()
}

#[test]
fn the_default_retries_on_days_1_3_5_and_7() {
    let s = DunningSchedule::default();
    let failed = at(1);
    let retries: Vec<_> = (0..5).map(|n| s.retry_at(failed, n)).collect();
    assert_eq!(
        retries,
        [Some(at(2)), Some(at(4)), Some(at(6)), Some(at(8)), None]
    );
    assert_eq!(s.grace_ends(failed), at(8));
    assert_eq!(s.archive_at(at(8)), at(8) + Duration::days(30));
    assert_eq!(s.terminate_at(at(1)), at(1) + Duration::days(90));
    assert_eq!(DunningSchedule::show_days(&s.retry_days), "1, 3, 5, 7");
    assert_eq!(DunningSchedule::store_days(&s.reminder_days), "7,3,1");
}

#[test]
fn typed_days_are_sorted_and_checked() {
    let s = DunningSchedule::parse("5, 1 3", "1,7 3", 7, 30, 90).unwrap();
    assert_eq!(s.retry_days, [1, 3, 5]);
    assert_eq!(s.reminder_days, [7, 3, 1]);
    let none = DunningSchedule::parse("", "", 0, 1, 1).unwrap();
    assert!(none.retry_days.is_empty());
    assert_eq!(none.retry_at(at(1), 0), None);

    let err = |r: &str, g, a| {
        DunningSchedule::parse(r, "7", g, a, 90)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err("1, x", 7, 30),
        "Retry days: \"x\" is not a number of days; write them like 1, 3, 5."
    );
    assert_eq!(err("0", 7, 30), "Retry days: each is 1 to 60 days.");
    assert_eq!(err("3, 3", 7, 30), "Retry days: day 3 is listed twice.");
    assert_eq!(err("1", 91, 30), "The grace period is at most 90 days.");
    assert_eq!(err("1", 7, 0), "Archive after 1 to 365 days suspended.");
    assert_eq!(
        err("20", 7, 10),
        "The last retry (day 20) would come after the tenant is archived (day 17)."
    );
    assert!(DunningSchedule::parse("1", "7", 7, 30, 0).is_err());
}

#[test]
fn only_soft_declines_are_retried() {
    assert!(!is_hard_decline(DeclineCode::InsufficientFunds));
    assert!(!is_hard_decline(DeclineCode::CardDeclined));
    assert!(is_hard_decline(DeclineCode::SuspectedFraud));
    assert!(is_hard_decline(DeclineCode::Expired));
    assert!(is_hard_decline(DeclineCode::Invalid));
}

#[test]
fn statuses_are_stored_by_name() {
    for status in DunningStatus::ALL {
        assert_eq!(status.as_str().parse::<DunningStatus>().unwrap(), status);
        assert!(!status.label().is_empty());
    }
}

proptest! {
    #[test]
    fn retries_come_in_order_and_end(days in proptest::collection::btree_set(1u32..=60, 0..8)) {
        let typed = days.iter().rev().map(u32::to_string).collect::<Vec<_>>().join(", ");
        let s = DunningSchedule::parse(&typed, "", 60, 365, 90).unwrap();
        let failed = at(1);
        let mut last = failed;
        for n in 0..days.len() {
            let next = s.retry_at(failed, u32::try_from(n).unwrap()).unwrap();
            prop_assert!(next > last);
            last = next;
        }
        prop_assert_eq!(s.retry_at(failed, u32::try_from(days.len()).unwrap()), None);
    }
}
