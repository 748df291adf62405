//! [`StepStatus`]: how far one provisioning step of one attempt got.

use serde::{Deserialize, Serialize};

use super::names::stored_names;

/// How far a provisioning step got; serialized as `"pending"`, `"running"`, `"done"`, `"failed"`
/// or `"rolled_back"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// Not started in this attempt (never stored: a step without a row).
    Pending,
    /// Under way.
    Running,
    /// Finished.
    Done,
    /// Stopped the attempt.
    Failed,
    /// Finished, then undone when a later step of the same attempt failed.
    RolledBack,
}

impl StepStatus {
    /// All statuses.
    pub const ALL: [StepStatus; 5] = [
        StepStatus::Pending,
        StepStatus::Running,
        StepStatus::Done,
        StepStatus::Failed,
        StepStatus::RolledBack,
    ];

    /// Stable identifier used in storage and on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            StepStatus::Pending => "pending",
            StepStatus::Running => "running",
            StepStatus::Done => "done",
            StepStatus::Failed => "failed",
            StepStatus::RolledBack => "rolled_back",
        }
    }

    /// Human-readable name for the UI, e.g. `"Rolled back"`.
    pub const fn label(self) -> &'static str {
        match self {
            StepStatus::Pending => "Pending",
            StepStatus::Running => "Running",
            StepStatus::Done => "Done",
            StepStatus::Failed => "Failed",
            StepStatus::RolledBack => "Rolled back",
        }
    }
}

stored_names!(StepStatus, "provisioning step status");
