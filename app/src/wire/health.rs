//! Tenant health for the operator: counts per level, the tenants that need attention, one
//! tenant's checks, and the settings.
use serde::{Deserialize, Serialize};

use crate::domain::health::{HealthLevel, HealthSettings};

/// A tenant at warning or critical.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttentionView {
    /// Tenant id (its page is `/operator/tenants/<id>`).
    pub tenant_id: i64,
    /// Instance name.
    pub name: String,
    /// Its level.
    pub level: HealthLevel,
    /// Why, every reason separated by `; `.
    pub reason: String,
    /// Since when it is at this level (UTC, minutes).
    pub since: String,
    /// Its last check (UTC, minutes).
    pub checked_at: String,
}

/// Live tenants per level and the ones that need attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthSummaryView {
    /// Live tenants whose last check passed.
    pub healthy: i64,
    /// Live tenants at warning.
    pub warning: i64,
    /// Live tenants at critical.
    pub critical: i64,
    /// Live tenants not checked yet.
    pub unchecked: i64,
    /// Warning and critical tenants, newest problem first (at most 50).
    pub attention: Vec<AttentionView>,
    /// When the last round started (UTC, minutes).
    pub last_round: Option<String>,
}

/// One check of one instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthCheckView {
    /// When (UTC, minutes).
    pub checked_at: String,
    /// The level it gave.
    pub level: HealthLevel,
    /// Every reason for the level, worst first (none when healthy).
    pub reasons: Vec<String>,
    /// Whether the database answered.
    pub reachable: bool,
    /// Its size, shown (`7.6 MB`).
    pub size: Option<String>,
    /// Its size in bytes.
    pub size_bytes: Option<i64>,
    /// Its users.
    pub users: Option<i64>,
    /// The latest login or write known (UTC, minutes).
    pub last_activity: Option<String>,
    /// Its jobs that failed.
    pub failed_jobs: i64,
    /// How long the check took.
    pub duration_ms: i64,
}

/// A tenant's health for its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantHealthView {
    /// Tenant id.
    pub tenant_id: i64,
    /// Whether it is running (only running instances are checked).
    pub live: bool,
    /// Its level (none before its first check).
    pub level: Option<HealthLevel>,
    /// Why, every reason separated by `; `.
    pub reason: String,
    /// Since when it is at this level (UTC, minutes).
    pub since: Option<String>,
    /// Its newest checks, newest first (at most 50).
    pub checks: Vec<HealthCheckView>,
}

/// The health settings page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthSettingsView {
    /// The settings in force.
    pub settings: HealthSettings,
    /// When and by whom they were last saved.
    pub updated: Option<String>,
    /// When the last round started (UTC, minutes).
    pub last_round: Option<String>,
    /// When the next round is due (UTC, minutes).
    pub next_round: Option<String>,
}
