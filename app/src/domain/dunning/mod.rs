//! Dunning: what happens after a renewal is not paid. A storefront's [`DunningSchedule`] says on
//! which days after the failure the card is tried again, how long the tenant keeps running (the
//! grace period), when a suspended tenant is archived and when an archived one's data is deleted,
//! and how many days before a period ends the customer is reminded.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::names::stored_names;
use super::payment::DeclineCode;
use super::DomainError;

/// The longest a retry or a reminder may be from its date, in days.
pub const MAX_DAYS: u32 = 60;

/// A storefront's dunning rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DunningSchedule {
    /// Days after the failed renewal on which the card is charged again, ascending.
    pub retry_days: Vec<u32>,
    /// Days before a trial or paid period ends on which the customer is reminded, descending.
    pub reminder_days: Vec<u32>,
    /// Days after the failed renewal that the tenant keeps running (past due), then suspended.
    pub grace_days: u32,
    /// Days a tenant suspended for an unpaid invoice stays suspended before it is archived.
    pub archive_after_days: u32,
    /// Days an archived tenant's data is kept before it is deleted (terminated).
    pub retention_days: u32,
}

impl Default for DunningSchedule {
    /// Retries on days 1, 3, 5 and 7; reminders 7, 3 and 1 days ahead; 7 days' grace; archived
    /// after 30 days suspended; data kept 90 days after archiving.
    fn default() -> Self {
        DunningSchedule {
            retry_days: vec![1, 3, 5, 7],
            reminder_days: vec![7, 3, 1],
            grace_days: 7,
            archive_after_days: 30,
            retention_days: 90,
        }
    }
}

impl DunningSchedule {
    /// A schedule from what an operator typed; each field is checked and named in the error.
    pub fn parse(
        retry_days: &str,
        reminder_days: &str,
        grace_days: u32,
        archive_after_days: u32,
        retention_days: u32,
    ) -> Result<DunningSchedule, DomainError> {
        let mut retry_days = days(retry_days, "Retry days")?;
        retry_days.sort_unstable();
        let mut reminder_days = days(reminder_days, "Reminder days")?;
        reminder_days.sort_unstable_by(|a, b| b.cmp(a));
        if grace_days > 90 {
            return Err(DomainError::invalid("The grace period is at most 90 days."));
        }
        if !(1..=365).contains(&archive_after_days) {
            return Err(DomainError::invalid(
                "Archive after 1 to 365 days suspended.",
            ));
        }
        if !(1..=3650).contains(&retention_days) {
            return Err(DomainError::invalid(
                "Keep an archived tenant's data 1 to 3650 days.",
            ));
        }
        if let Some(last) = retry_days.last() {
            if *last > grace_days + archive_after_days {
                return Err(DomainError::invalid(format!(
                    "The last retry (day {last}) would come after the tenant is archived (day {}).",
                    grace_days + archive_after_days
                )));
            }
        }
        Ok(DunningSchedule {
            retry_days,
            reminder_days,
            grace_days,
            archive_after_days,
            retention_days,
        })
    }

    /// When the retry after `attempts_done` retries is due, counted from the failure; none when
    /// the schedule is used up.
    pub fn retry_at(&self, failed_at: DateTime<Utc>, attempts_done: u32) -> Option<DateTime<Utc>> {
        let day = self.retry_days.get(usize::try_from(attempts_done).ok()?)?;
        Some(failed_at + Duration::days(i64::from(*day)))
    }

    /// When a past-due tenant is suspended.
    pub fn grace_ends(&self, failed_at: DateTime<Utc>) -> DateTime<Utc> {
        failed_at + Duration::days(i64::from(self.grace_days))
    }

    /// When a tenant suspended for an unpaid invoice is archived.
    pub fn archive_at(&self, suspended_at: DateTime<Utc>) -> DateTime<Utc> {
        suspended_at + Duration::days(i64::from(self.archive_after_days))
    }

    /// When an archived tenant's data is deleted.
    pub fn terminate_at(&self, archived_at: DateTime<Utc>) -> DateTime<Utc> {
        archived_at + Duration::days(i64::from(self.retention_days))
    }

    /// Days as the operator's form shows them: `"1, 3, 5, 7"`.
    pub fn show_days(days: &[u32]) -> String {
        days.iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Days as stored: `"1,3,5,7"`.
    pub fn store_days(days: &[u32]) -> String {
        days.iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// A list of day numbers, `"1, 3, 5"` (commas or spaces; empty for none), each 1 to [`MAX_DAYS`],
/// none twice.
fn days(text: &str, what: &str) -> Result<Vec<u32>, DomainError> {
    let mut out: Vec<u32> = Vec::new();
    for part in text.split([',', ' ', ';']).filter(|p| !p.is_empty()) {
        let day: u32 = part.parse().map_err(|_| {
            DomainError::invalid(format!(
                "{what}: \"{part}\" is not a number of days; write them like 1, 3, 5."
            ))
        })?;
        if !(1..=MAX_DAYS).contains(&day) {
            return Err(DomainError::invalid(format!(
                "{what}: each is 1 to {MAX_DAYS} days."
            )));
        }
        if out.contains(&day) {
            return Err(DomainError::invalid(format!(
                "{what}: day {day} is listed twice."
            )));
        }
        out.push(day);
    }
    Ok(out)
}

/// Whether a decline means trying the same card again is pointless (a stolen, closed, invalid or
/// expired card); only soft declines (insufficient funds, a generic decline) are retried.
pub fn is_hard_decline(code: DeclineCode) -> bool {
    matches!(
        code,
        DeclineCode::SuspectedFraud | DeclineCode::Invalid | DeclineCode::Expired
    )
}

/// Where an unpaid invoice's dunning stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DunningStatus {
    /// Being chased: retries and reminders, the tenant past due or suspended.
    Open,
    /// Paid in the end; the tenant runs again.
    Recovered,
    /// Never paid: the tenant was archived.
    Lost,
}

impl DunningStatus {
    /// All statuses.
    pub const ALL: [DunningStatus; 3] = [
        DunningStatus::Open,
        DunningStatus::Recovered,
        DunningStatus::Lost,
    ];

    /// Stable identifier used in storage.
    pub const fn as_str(self) -> &'static str {
        match self {
            DunningStatus::Open => "open",
            DunningStatus::Recovered => "recovered",
            DunningStatus::Lost => "lost",
        }
    }

    /// Human-readable name for the UI.
    pub const fn label(self) -> &'static str {
        match self {
            DunningStatus::Open => "Being collected",
            DunningStatus::Recovered => "Recovered",
            DunningStatus::Lost => "Lost",
        }
    }
}

stored_names!(DunningStatus, "dunning status");

#[cfg(test)]
mod tests;
