use chrono::{Duration, TimeZone, Utc};

use super::*;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0)
        .single()
        .expect("date")
}

fn fine() -> Measurement {
    Measurement {
        checked_at: now(),
        unreachable: None,
        size_bytes: Some(1024 * 1024),
        users: Some(3),
        last_activity: Some(now() - Duration::days(1)),
        failed_jobs: 0,
    }
}

fn quota() -> Quota {
    Quota {
        storage_bytes: Some(10 * 1024 * 1024),
        users: Some(5),
    }
}

fn thresholds() -> Thresholds {
    HealthSettings::default().thresholds
}

#[test]
fn a_fine_instance_is_healthy_without_reasons() {
    assert_eq!(
        classify(&fine(), &thresholds(), &quota()),
        (HealthLevel::Healthy, vec![])
    );
    // Nothing in the catalog to compare with: nothing to complain about.
    assert_eq!(
        classify(&fine(), &thresholds(), &Quota::default()).0,
        HealthLevel::Healthy
    );
}

#[test]
fn an_unreachable_database_is_critical_with_its_cause() {
    let m = Measurement {
        unreachable: Some("timed out".into()),
        size_bytes: None,
        users: None,
        ..fine()
    };
    assert_eq!(
        classify(&m, &thresholds(), &quota()),
        (
            HealthLevel::Critical,
            vec!["not reachable (timed out)".to_string()]
        )
    );
}

#[test]
fn storage_is_a_warning_then_critical_at_the_thresholds() {
    let at = |pct: i64| Measurement {
        size_bytes: Some(10 * 1024 * 1024 * pct / 100),
        ..fine()
    };
    assert_eq!(
        classify(&at(79), &thresholds(), &quota()).0,
        HealthLevel::Healthy
    );
    let (level, reasons) = classify(&at(80), &thresholds(), &quota());
    assert_eq!(level, HealthLevel::Warning);
    assert_eq!(
        reasons,
        ["storage at 80 % of its quota (8.0 MB of 10.0 MB)"]
    );
    assert_eq!(
        classify(&at(95), &thresholds(), &quota()).0,
        HealthLevel::Critical
    );
    assert_eq!(
        classify(&at(250), &thresholds(), &quota()).0,
        HealthLevel::Critical
    );
    let none = Quota {
        storage_bytes: Some(0),
        ..quota()
    };
    assert_eq!(
        classify(&at(1), &thresholds(), &none).0,
        HealthLevel::Critical
    );
}

#[test]
fn users_over_the_licence_inactivity_and_failed_jobs_are_reported_worst_first() {
    let m = Measurement {
        users: Some(7),
        last_activity: Some(now() - Duration::days(45)),
        failed_jobs: 3,
        ..fine()
    };
    let (level, reasons) = classify(&m, &thresholds(), &quota());
    assert_eq!(level, HealthLevel::Critical);
    assert_eq!(
        reasons,
        [
            "3 failed jobs",
            "7 users, 5 included",
            "no login or write for 45 days"
        ]
    );
    let one = Measurement {
        failed_jobs: 1,
        ..fine()
    };
    assert_eq!(
        classify(&one, &thresholds(), &quota()),
        (HealthLevel::Warning, vec!["1 failed job".to_string()])
    );
    // 0 switches a check off.
    let off = Thresholds {
        inactive_days: 0,
        failed_jobs_warning: 0,
        failed_jobs_critical: 0,
        ..thresholds()
    };
    let quiet = Measurement {
        users: Some(3),
        ..m
    };
    assert_eq!(classify(&quiet, &off, &quota()).0, HealthLevel::Healthy);
}

#[test]
fn settings_are_read_with_the_field_that_is_wrong() {
    let ok = HealthSettings::parse(" 15 ", "70", "90", "0", "2", "5").expect("valid");
    assert_eq!(ok.interval_minutes, 15);
    assert_eq!(ok.thresholds.storage_warning_pct, 70);
    assert_eq!(ok.thresholds.failed_jobs_critical, 5);
    for (fields, field, words) in [
        (["7", "80", "95", "30", "1", "3"], "interval", "1, 5 or 15"),
        (["", "80", "95", "30", "1", "3"], "interval", "1, 5 or 15"),
        (
            ["5", "0", "95", "30", "1", "3"],
            "storage_warning",
            "from 1 to 99",
        ),
        (
            ["5", "80", "101", "30", "1", "3"],
            "storage_critical",
            "from 2 to 100",
        ),
        (
            ["5", "90", "90", "30", "1", "3"],
            "storage_critical",
            "above the warning",
        ),
        (
            ["5", "80", "95", "-1", "1", "3"],
            "inactive_days",
            "0 (never a warning)",
        ),
        (
            ["5", "80", "95", "30", "x", "3"],
            "failed_warning",
            "a warning",
        ),
        (
            ["5", "80", "95", "30", "3", "3"],
            "failed_critical",
            "more than",
        ),
    ] {
        let [a, b, c, d, e, f] = fields;
        let err = HealthSettings::parse(a, b, c, d, e, f).expect_err("invalid");
        assert_eq!(err.field, field, "{fields:?}");
        assert!(err.error.message().contains(words), "{}", err.error);
    }
    // Critical failed jobs alone, no warning, is fine.
    assert!(HealthSettings::parse("1", "80", "95", "30", "0", "2").is_ok());
}

#[test]
fn levels_round_trip_and_order_worst_last() {
    for level in HealthLevel::ALL {
        assert_eq!(level.as_str().parse::<HealthLevel>(), Ok(level));
    }
    assert!("sick".parse::<HealthLevel>().is_err());
    assert!(HealthLevel::Critical > HealthLevel::Warning);
    assert!(!HealthLevel::Healthy.needs_attention());
}

#[test]
fn storage_units_and_sizes() {
    assert_eq!(unit_bytes("GB"), Some(1 << 30));
    assert_eq!(unit_bytes(" mib "), Some(1 << 20));
    assert_eq!(unit_bytes("users"), None);
    assert_eq!(format_bytes(812), "812 B");
    assert_eq!(format_bytes(1536), "1.5 KB");
    assert_eq!(format_bytes(7_969_177), "7.6 MB");
    assert_eq!(format_bytes(10 << 30), "10.0 GB");
}
