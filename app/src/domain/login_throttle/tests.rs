use super::*;
use chrono::TimeZone;
use proptest::prelude::*;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
        .single()
        .expect("date")
}

fn counter(failures: i64, ago_secs: i64) -> Counter {
    Counter {
        failures,
        last_failure_at: t0() - Duration::seconds(ago_secs),
    }
}

fn wait_secs(scope: Scope, failures: i64) -> Option<i64> {
    counter(failures, 0)
        .next_attempt_at(scope.policy(), t0())
        .map(|at| (at - t0()).num_seconds())
}

#[test]
fn free_failures_then_doubling_delays_up_to_the_cap() {
    let pair = Scope::AccountFromAddress;
    assert_eq!(wait_secs(pair, 0), None);
    assert_eq!(wait_secs(pair, 4), None);
    assert_eq!(wait_secs(pair, 5), Some(1));
    assert_eq!(wait_secs(pair, 6), Some(2));
    assert_eq!(wait_secs(pair, 7), Some(4));
    assert_eq!(wait_secs(pair, 14), Some(512));
    assert_eq!(wait_secs(pair, 15), Some(900), "capped at 15 minutes");
    assert_eq!(wait_secs(pair, 1_000_000), Some(900));
    assert_eq!(wait_secs(Scope::Address, 19), None);
    assert_eq!(wait_secs(Scope::Address, 20), Some(1));
    assert_eq!(wait_secs(Scope::Account, 9), None);
    assert_eq!(wait_secs(Scope::Account, 10), Some(1));
    assert_eq!(wait_secs(Scope::Account, 40), Some(30));
}

#[test]
fn the_delay_runs_from_the_last_failure() {
    let policy = Scope::AccountFromAddress.policy();
    assert_eq!(
        counter(7, 3).next_attempt_at(policy, t0()),
        Some(t0() + Duration::seconds(1))
    );
    assert_eq!(counter(7, 4).next_attempt_at(policy, t0()), None);
}

#[test]
fn old_failures_are_forgotten_and_a_new_one_counts_from_one() {
    let policy = Scope::Address.policy();
    let old = counter(50, 3600);
    assert_eq!(old.live_failures(policy, t0()), 0);
    assert_eq!(old.next_attempt_at(policy, t0()), None);
    assert_eq!(
        old.with_failure(policy, t0()),
        Counter {
            failures: 1,
            last_failure_at: t0()
        }
    );
    assert_eq!(counter(50, 3599).live_failures(policy, t0()), 50);
    assert_eq!(counter(3, 10).with_failure(policy, t0()).failures, 4);
}

#[test]
fn the_longest_wait_decides() {
    let counters = [
        (Scope::AccountFromAddress, counter(6, 0)),
        (Scope::Account, counter(12, 0)),
        (Scope::Address, counter(0, 0)),
    ];
    assert_eq!(
        decide(t0(), &counters),
        Err(Wait {
            until: t0() + Duration::seconds(4)
        })
    );
    assert_eq!(decide(t0() + Duration::seconds(4), &counters), Ok(()));
}

#[test]
fn the_wait_is_told_in_whole_seconds_or_minutes() {
    let wait = Wait {
        until: t0() + Duration::milliseconds(1200),
    };
    assert_eq!(wait.seconds(t0()), 2);
    assert_eq!(
        wait.message(t0()),
        "Too many failed login attempts. Try again in 2 seconds (at 09:00:01 UTC)."
    );
    let long = Wait {
        until: t0() + Duration::seconds(900),
    };
    assert_eq!(long.seconds(t0()), 900);
    assert!(long
        .message(t0())
        .contains("Try again in 15 minutes (at 09:15:00 UTC)"));
    let one = Wait { until: t0() };
    assert_eq!(one.seconds(t0()), 1, "never zero");
    assert!(one.message(t0()).contains("in 1 second "));
}

#[test]
fn ipv6_clients_count_by_their_network() {
    let a = counter_keys("platform:ada@example.com", "2001:db8:1:2:aaaa::1");
    let b = counter_keys("platform:ada@example.com", "2001:db8:1:2:bbbb::7");
    assert_eq!(a, b);
    assert_eq!(a[2].1, "address:2001:db8:1:2::/64");
    let v4 = counter_keys("platform:ada@example.com", "::ffff:203.0.113.9");
    assert_eq!(
        v4.to_vec(),
        vec![
            (
                Scope::AccountFromAddress,
                "pair:platform:ada@example.com|203.0.113.9".to_string()
            ),
            (
                Scope::Account,
                "account:platform:ada@example.com".to_string()
            ),
            (Scope::Address, "address:203.0.113.9".to_string()),
        ]
    );
}

proptest! {
    /// Whatever others did, an address that never failed for an account and never failed
    /// elsewhere waits at most the short account-wide delay.
    #[test]
    fn a_clean_address_waits_at_most_the_account_delay(
        failures in 0_i64..100_000,
        ago in 0_i64..7200,
    ) {
        let counters = [
            (Scope::AccountFromAddress, counter(0, 0)),
            (Scope::Account, counter(failures, ago)),
            (Scope::Address, counter(0, 0)),
        ];
        if let Err(wait) = decide(t0(), &counters) {
            prop_assert!(wait.until - t0() <= Duration::seconds(30));
        }
    }

    /// Counting a failure never shortens the wait.
    #[test]
    fn a_failure_never_shortens_the_wait(failures in 0_i64..64, ago in 0_i64..100_000) {
        for scope in [Scope::AccountFromAddress, Scope::Account, Scope::Address] {
            let policy = scope.policy();
            let before = counter(failures, ago);
            let after = before.with_failure(policy, t0());
            let wait_before = before.next_attempt_at(policy, t0()).unwrap_or(t0());
            let wait_after = after.next_attempt_at(policy, t0()).unwrap_or(t0());
            prop_assert!(wait_after >= wait_before);
        }
    }
}
