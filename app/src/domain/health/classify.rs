//! A check's measurements against the thresholds and the tenant's quota: the level and every
//! reason for it, worst first.

use chrono::{DateTime, Duration, Utc};

use super::{format_bytes, HealthLevel, Thresholds};

/// What one check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measurement {
    /// When it was measured.
    pub checked_at: DateTime<Utc>,
    /// Why the instance's database could not be reached (`None`: it answered).
    pub unreachable: Option<String>,
    /// The database's size in bytes (unknown when it could not be reached).
    pub size_bytes: Option<i64>,
    /// The instance's users (unknown when it could not be reached).
    pub users: Option<i64>,
    /// The latest login or write known, or when the instance was made.
    pub last_activity: Option<DateTime<Utc>>,
    /// The tenant's jobs that failed and wait for an operator.
    pub failed_jobs: i64,
}

/// What the tenant's subscription includes (plan and extras bought); `None` when the catalog
/// sets no amount.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Quota {
    /// Storage, in bytes.
    pub storage_bytes: Option<i64>,
    /// Users.
    pub users: Option<i64>,
}

/// Whether `used` is at least `pct` percent of `of` (exact, in integers).
fn at_least(used: i64, of: i64, pct: u32) -> bool {
    i128::from(used) * 100 >= i128::from(of) * i128::from(pct)
}

/// `used` as a whole percentage of `of`, rounded down.
fn percent(used: i64, of: i64) -> i128 {
    if of <= 0 {
        return 0;
    }
    i128::from(used) * 100 / i128::from(of)
}

/// The level a check gives and every reason for it, worst first (none when healthy): an
/// unreachable database is critical; storage from the critical percentage of its quota is
/// critical and from the warning percentage a warning (a quota of 0 with anything stored counts
/// as full); more users than included, no login or write for the set number of days, and failed
/// jobs from their thresholds are warnings (failed jobs from the critical one critical).
pub fn classify(m: &Measurement, t: &Thresholds, quota: &Quota) -> (HealthLevel, Vec<String>) {
    let mut found: Vec<(HealthLevel, String)> = Vec::new();
    if let Some(why) = &m.unreachable {
        found.push((HealthLevel::Critical, format!("not reachable ({why})")));
    }
    if let (Some(size), Some(quota)) = (m.size_bytes, quota.storage_bytes) {
        let level = if quota <= 0 {
            (size > 0).then_some(HealthLevel::Critical)
        } else if at_least(size, quota, t.storage_critical_pct) {
            Some(HealthLevel::Critical)
        } else if at_least(size, quota, t.storage_warning_pct) {
            Some(HealthLevel::Warning)
        } else {
            None
        };
        if let Some(level) = level {
            found.push((
                level,
                format!(
                    "storage at {} % of its quota ({} of {})",
                    percent(size, quota),
                    format_bytes(size),
                    format_bytes(quota)
                ),
            ));
        }
    }
    if let (Some(users), Some(included)) = (m.users, quota.users) {
        if users > included {
            found.push((
                HealthLevel::Warning,
                format!("{users} users, {included} included"),
            ));
        }
    }
    if let Some(last) = m.last_activity.filter(|_| t.inactive_days > 0) {
        let idle = m.checked_at - last;
        if idle >= Duration::days(i64::from(t.inactive_days)) {
            found.push((
                HealthLevel::Warning,
                format!("no login or write for {} days", idle.num_days()),
            ));
        }
    }
    let failed = m.failed_jobs;
    let jobs = |n: i64| {
        if n == 1 {
            "1 failed job".to_string()
        } else {
            format!("{n} failed jobs")
        }
    };
    if t.failed_jobs_critical > 0 && failed >= i64::from(t.failed_jobs_critical) {
        found.push((HealthLevel::Critical, jobs(failed)));
    } else if t.failed_jobs_warning > 0 && failed >= i64::from(t.failed_jobs_warning) {
        found.push((HealthLevel::Warning, jobs(failed)));
    }
    // Worst first; reasons of one level keep the order above.
    found.sort_by_key(|(level, _)| std::cmp::Reverse(*level));
    let level = found
        .first()
        .map_or(HealthLevel::Healthy, |(level, _)| *level);
    (level, found.into_iter().map(|(_, why)| why).collect())
}
