//! [`PlanStatus`]: whether a plan version is on sale.

use serde::{Deserialize, Serialize};

use super::names::stored_names;

/// Whether a plan version is on sale; serialized as `"draft"`, `"published"` or `"retired"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Being prepared; not sold.
    Draft,
    /// On sale in the storefronts that list it.
    Published,
    /// No longer sold or edited (final); running subscriptions keep it.
    Retired,
}

impl PlanStatus {
    /// All statuses.
    pub const ALL: [PlanStatus; 3] = [
        PlanStatus::Draft,
        PlanStatus::Published,
        PlanStatus::Retired,
    ];

    /// Human-readable name for the UI, e.g. `"Draft"`.
    pub const fn label(self) -> &'static str {
        match self {
            PlanStatus::Draft => "Draft",
            PlanStatus::Published => "Published",
            PlanStatus::Retired => "Retired",
        }
    }

    /// Stable identifier used in storage and on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Draft => "draft",
            PlanStatus::Published => "published",
            PlanStatus::Retired => "retired",
        }
    }
}

stored_names!(PlanStatus, "plan status");
