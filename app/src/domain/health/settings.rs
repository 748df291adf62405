//! The operator's health settings: how often instances are checked and the thresholds of each
//! level, read from the settings form with a message naming the field that is wrong.

use serde::{Deserialize, Serialize};

use crate::domain::DomainError;

/// The minutes between two rounds of checks an operator may choose.
pub const CHECK_INTERVALS: [u32; 3] = [1, 5, 15];

/// The most days without activity before a warning, and the most failed jobs a threshold names.
const MAX_INACTIVE_DAYS: u32 = 3650;
const MAX_FAILED_JOBS: u32 = 1000;

/// What makes a tenant a warning or critical.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Storage used, in percent of the quota, from which a tenant is a warning.
    pub storage_warning_pct: u32,
    /// Storage used, in percent of the quota, from which a tenant is critical (above the warning).
    pub storage_critical_pct: u32,
    /// Days without a login or a write after which a tenant is a warning (0: never).
    pub inactive_days: u32,
    /// Failed jobs from which a tenant is a warning (0: never).
    pub failed_jobs_warning: u32,
    /// Failed jobs from which a tenant is critical (0: never).
    pub failed_jobs_critical: u32,
}

/// How often instances are checked, and the thresholds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthSettings {
    /// Minutes between two rounds: one of [`CHECK_INTERVALS`].
    pub interval_minutes: u32,
    /// The levels' thresholds.
    pub thresholds: Thresholds,
}

impl Default for HealthSettings {
    /// Every 5 minutes; storage a warning from 80 % and critical from 95 %; 30 days without
    /// activity a warning; one failed job a warning, three critical.
    fn default() -> Self {
        HealthSettings {
            interval_minutes: 5,
            thresholds: Thresholds {
                storage_warning_pct: 80,
                storage_critical_pct: 95,
                inactive_days: 30,
                failed_jobs_warning: 1,
                failed_jobs_critical: 3,
            },
        }
    }
}

/// A setting that is wrong: the form field and what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingError {
    /// The form field's name.
    pub field: &'static str,
    /// What is wrong with it, for the operator.
    pub error: DomainError,
}

fn wrong(field: &'static str, message: impl Into<String>) -> SettingError {
    SettingError {
        field,
        error: DomainError::invalid(message),
    }
}

/// A whole number from the form, within `range`, or the error for `field`.
fn number(
    field: &'static str,
    raw: &str,
    range: std::ops::RangeInclusive<u32>,
    message: &str,
) -> Result<u32, SettingError> {
    raw.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| wrong(field, message))
}

impl HealthSettings {
    /// The settings from the form's fields (`interval`, `storage_warning`, `storage_critical`,
    /// `inactive_days`, `failed_warning`, `failed_critical`), each checked.
    pub fn parse(
        interval: &str,
        storage_warning: &str,
        storage_critical: &str,
        inactive_days: &str,
        failed_warning: &str,
        failed_critical: &str,
    ) -> Result<HealthSettings, SettingError> {
        let interval_minutes = interval
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|m| CHECK_INTERVALS.contains(m))
            .ok_or_else(|| wrong("interval", "Check every 1, 5 or 15 minutes."))?;
        let storage_warning_pct = number(
            "storage_warning",
            storage_warning,
            1..=99,
            "The storage warning is a percentage of the quota from 1 to 99.",
        )?;
        let storage_critical_pct = number(
            "storage_critical",
            storage_critical,
            2..=100,
            "The storage critical level is a percentage of the quota from 2 to 100.",
        )?;
        if storage_critical_pct <= storage_warning_pct {
            return Err(wrong(
                "storage_critical",
                format!(
                    "The storage critical level must be above the warning level ({storage_warning_pct} %)."
                ),
            ));
        }
        let inactive_days = number(
            "inactive_days",
            inactive_days,
            0..=MAX_INACTIVE_DAYS,
            &format!("Days without activity: a whole number from 0 (never a warning) to {MAX_INACTIVE_DAYS}."),
        )?;
        let jobs = |field, raw, what: &str| {
            number(
                field,
                raw,
                0..=MAX_FAILED_JOBS,
                &format!(
                    "Failed jobs for {what}: a whole number from 0 (never) to {MAX_FAILED_JOBS}."
                ),
            )
        };
        let failed_jobs_warning = jobs("failed_warning", failed_warning, "a warning")?;
        let failed_jobs_critical = jobs("failed_critical", failed_critical, "critical")?;
        if failed_jobs_warning > 0
            && failed_jobs_critical > 0
            && failed_jobs_critical <= failed_jobs_warning
        {
            return Err(wrong(
                "failed_critical",
                format!(
                    "Failed jobs for critical must be more than for a warning ({failed_jobs_warning}), or 0."
                ),
            ));
        }
        Ok(HealthSettings {
            interval_minutes,
            thresholds: Thresholds {
                storage_warning_pct,
                storage_critical_pct,
                inactive_days,
                failed_jobs_warning,
                failed_jobs_critical,
            },
        })
    }
}
