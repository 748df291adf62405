//! Tenant health: the level each live instance is at after a check (healthy, warning or
//! critical), the operator's thresholds, and the pure rule that turns a check's measurements into
//! a level with its reasons. The backend measures and records; what counts as a problem lives here.

mod classify;
mod settings;
mod units;

pub use classify::{classify, Measurement, Quota};
pub use settings::{HealthSettings, SettingError, Thresholds, CHECK_INTERVALS};
pub use units::{format_bytes, unit_bytes};

use serde::{Deserialize, Serialize};

use super::names::stored_names;

/// How a tenant's instance is doing, worst last (so the worst of several is their `max`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HealthLevel {
    /// Every check passed.
    Healthy,
    /// Something needs a look soon (storage filling up, no activity, a failed job).
    Warning,
    /// Something needs a look now (the database does not answer, storage nearly full).
    Critical,
}

impl HealthLevel {
    /// Every level, best first.
    pub const ALL: [HealthLevel; 3] = [
        HealthLevel::Healthy,
        HealthLevel::Warning,
        HealthLevel::Critical,
    ];

    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            HealthLevel::Healthy => "healthy",
            HealthLevel::Warning => "warning",
            HealthLevel::Critical => "critical",
        }
    }

    /// The name people read.
    pub const fn label(self) -> &'static str {
        match self {
            HealthLevel::Healthy => "Healthy",
            HealthLevel::Warning => "Warning",
            HealthLevel::Critical => "Critical",
        }
    }

    /// Whether an operator should look at a tenant at this level.
    pub const fn needs_attention(self) -> bool {
        !matches!(self, HealthLevel::Healthy)
    }
}

stored_names!(HealthLevel, "health level");

#[cfg(test)]
mod tests;
