//! When a login attempt may go ahead. Failures are counted three ways: for the account from one
//! address (the guesser), for the account from anywhere (a spread-out attack) and for the address
//! over every account (spraying). Each counter allows some failures free, then makes every further
//! attempt wait a delay that doubles with each failure, up to a cap. The account-wide cap is short,
//! so nobody can lock an account out: its owner, from an address that never failed, waits at most
//! that long.

use chrono::{DateTime, Duration, Utc};

/// What a failure counter counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One account from one address.
    AccountFromAddress,
    /// One account from every address.
    Account,
    /// One address over every account.
    Address,
}

/// How a counter of one scope turns failures into delays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Failures allowed before any delay.
    pub free_failures: i64,
    /// The longest delay; the first is one second, each further failure doubles it.
    pub max_delay: Duration,
    /// Failures are forgotten once the last one is this old.
    pub forget_after: Duration,
}

impl Scope {
    /// Every scope.
    pub const ALL: [Scope; 3] = [Scope::AccountFromAddress, Scope::Account, Scope::Address];

    /// The rules of this scope's counters.
    pub fn policy(self) -> Policy {
        match self {
            Scope::AccountFromAddress => Policy {
                free_failures: 5,
                max_delay: Duration::minutes(15),
                forget_after: Duration::hours(24),
            },
            // Short on purpose: this delay also holds back the account's owner.
            Scope::Account => Policy {
                free_failures: 10,
                max_delay: Duration::seconds(30),
                forget_after: Duration::hours(1),
            },
            Scope::Address => Policy {
                free_failures: 20,
                max_delay: Duration::minutes(15),
                forget_after: Duration::hours(1),
            },
        }
    }
}

/// The three counters a login attempt is checked against, as `(scope, key)` in a fixed order
/// (the order in which they are locked). `account` names the account within its host, `ip` is
/// the client's address; IPv6 addresses count by their /64 network, which one client usually owns
/// whole.
pub fn counter_keys(account: &str, ip: &str) -> [(Scope, String); 3] {
    let network = network_of(ip);
    [
        (
            Scope::AccountFromAddress,
            format!("pair:{account}|{network}"),
        ),
        (Scope::Account, format!("account:{account}")),
        (Scope::Address, format!("address:{network}")),
    ]
}

/// An IPv4 address as it is, an IPv6 address as its /64 network; anything else as given.
fn network_of(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(addr) => addr.to_canonical().to_string(),
        Err(_) => ip.to_string(),
    }
}

/// One stored failure counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    /// Failures counted (an attempt counts as one until its password is found right).
    pub failures: i64,
    /// When the last of them was counted.
    pub last_failure_at: DateTime<Utc>,
}

impl Counter {
    /// The failures that still count at `now`.
    pub fn live_failures(&self, policy: Policy, now: DateTime<Utc>) -> i64 {
        if now - self.last_failure_at >= policy.forget_after {
            0
        } else {
            self.failures.max(0)
        }
    }

    /// The earliest time of the next attempt, when it must wait.
    pub fn next_attempt_at(&self, policy: Policy, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let over = self.live_failures(policy, now) - policy.free_failures;
        if over < 0 {
            return None;
        }
        let doubled = Duration::seconds(1_i64 << over.min(30));
        let at = self.last_failure_at + doubled.min(policy.max_delay);
        (at > now).then_some(at)
    }

    /// The counter once one more failure is counted at `now`.
    pub fn with_failure(&self, policy: Policy, now: DateTime<Utc>) -> Counter {
        Counter {
            failures: self.live_failures(policy, now) + 1,
            last_failure_at: now,
        }
    }
}

/// An attempt refused until `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait {
    /// When an attempt may be made again.
    pub until: DateTime<Utc>,
}

impl Wait {
    /// Whole seconds from `now` until the attempt may be made (at least one), for `Retry-After`.
    pub fn seconds(&self, now: DateTime<Utc>) -> u64 {
        let ms = (self.until - now).num_milliseconds().max(1);
        u64::try_from((ms + 999) / 1000).unwrap_or(1)
    }

    /// What the person trying to log in is told.
    pub fn message(&self, now: DateTime<Utc>) -> String {
        let secs = self.seconds(now);
        let wait = match secs {
            1 => "1 second".to_string(),
            2..=119 => format!("{secs} seconds"),
            _ => format!("{} minutes", secs.div_ceil(60)),
        };
        format!(
            "Too many failed login attempts. Try again in {wait} (at {} UTC).",
            self.until.format("%H:%M:%S")
        )
    }
}

/// Whether an attempt may go ahead at `now` given its counters; if not, until when it must wait
/// (the latest of the counters' times).
pub fn decide(now: DateTime<Utc>, counters: &[(Scope, Counter)]) -> Result<(), Wait> {
    match counters
        .iter()
        .filter_map(|(scope, c)| c.next_attempt_at(scope.policy(), now))
        .max()
    {
        Some(until) => Err(Wait { until }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;
