//! The tenant lifecycle: states, events and the allowed transitions between them. Access follows
//! what is paid: an unpaid renewal makes a tenant past due (still running), the end of the grace
//! period suspends it, a long suspension archives it, and the end of the retention period
//! terminates it (its data deleted, its invoices kept). Paying restores it at once.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::names::stored_names;
use super::DomainError;

/// Where a tenant is in its lifecycle; serialized as `"provisioning"`, `"trial"`, etc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TenantState {
    /// Resources are being created.
    Provisioning,
    /// Running on a free trial.
    Trial,
    /// Running on a paid plan.
    Active,
    /// A renewal is unpaid; still running while the grace period lasts.
    PastDue,
    /// Disabled (unpaid, a trial ended, or an operator's decision); data kept, can be resumed.
    Suspended,
    /// Closed; its data is kept until the retention period ends, and it can be restored.
    Archived,
    /// Moving to another database server; running.
    Migrating,
    /// Its data was deleted after the retention period (terminal; the invoices are kept).
    Terminated,
    /// Provisioning did not succeed.
    Failed,
}

impl TenantState {
    /// All states in lifecycle order.
    pub const ALL: [TenantState; 9] = [
        TenantState::Provisioning,
        TenantState::Trial,
        TenantState::Active,
        TenantState::PastDue,
        TenantState::Suspended,
        TenantState::Archived,
        TenantState::Migrating,
        TenantState::Terminated,
        TenantState::Failed,
    ];

    /// Stable identifier used in storage and URLs.
    pub const fn as_str(self) -> &'static str {
        match self {
            TenantState::Provisioning => "provisioning",
            TenantState::Trial => "trial",
            TenantState::Active => "active",
            TenantState::PastDue => "past_due",
            TenantState::Suspended => "suspended",
            TenantState::Archived => "archived",
            TenantState::Migrating => "migrating",
            TenantState::Terminated => "terminated",
            TenantState::Failed => "failed",
        }
    }

    /// Human-readable name for the UI.
    pub const fn label(self) -> &'static str {
        match self {
            TenantState::Provisioning => "Setting up",
            TenantState::Trial => "Free trial",
            TenantState::Active => "Active",
            TenantState::PastDue => "Past due",
            TenantState::Suspended => "Suspended",
            TenantState::Archived => "Archived",
            TenantState::Migrating => "Migrating",
            TenantState::Terminated => "Terminated",
            TenantState::Failed => "Setup failed",
        }
    }

    /// Whether the tenant's instance is running and serving its users.
    pub const fn is_live(self) -> bool {
        matches!(
            self,
            TenantState::Trial
                | TenantState::Active
                | TenantState::PastDue
                | TenantState::Migrating
        )
    }

    /// Phrase used after "a tenant that is" in transition errors.
    const fn description(self) -> &'static str {
        match self {
            TenantState::Provisioning => "still provisioning",
            TenantState::Trial => "in trial",
            TenantState::Active => "active",
            TenantState::PastDue => "past due",
            TenantState::Suspended => "suspended",
            TenantState::Archived => "archived",
            TenantState::Migrating => "migrating",
            TenantState::Terminated => "terminated",
            TenantState::Failed => "failed",
        }
    }
}

stored_names!(TenantState, "tenant state");

/// Something that happens to a tenant and may change its [`TenantState`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TenantEvent {
    /// Provisioning finished; `trial` selects Trial instead of Active.
    Provisioned {
        /// Whether the tenant starts on a free trial.
        trial: bool,
    },
    /// Provisioning failed.
    ProvisioningFailed,
    /// An operator retries a failed provisioning.
    RetryProvisioning,
    /// A trial tenant started paying.
    TrialConverted,
    /// A renewal's payment failed: the tenant runs on within its grace period.
    PaymentFailed,
    /// An unpaid renewal was paid: the tenant runs again at once.
    PaymentRecovered,
    /// The tenant was suspended (the grace period ended, a trial ended, or an operator).
    Suspend,
    /// A suspended tenant was resumed; `trial` selects Trial instead of Active.
    Resume {
        /// Whether the tenant goes back to its free trial.
        trial: bool,
    },
    /// The tenant was closed; its data is kept for the retention period.
    Archive,
    /// An archived tenant was brought back, suspended until it is resumed or paid.
    Restore,
    /// The tenant started moving to another database server.
    MigrationStarted,
    /// The move finished; `trial` selects Trial instead of Active.
    MigrationFinished {
        /// Whether the tenant is on a free trial.
        trial: bool,
    },
    /// The retention period ended: the data is deleted.
    Terminate,
}

impl TenantEvent {
    /// Stable name for audit logs, e.g. `"provisioned"` or `"suspended"`.
    pub const fn as_str(&self) -> &'static str {
        match self {
            TenantEvent::Provisioned { .. } => "provisioned",
            TenantEvent::ProvisioningFailed => "provisioning_failed",
            TenantEvent::RetryProvisioning => "provisioning_retried",
            TenantEvent::TrialConverted => "trial_converted",
            TenantEvent::PaymentFailed => "payment_failed",
            TenantEvent::PaymentRecovered => "payment_recovered",
            TenantEvent::Suspend => "suspended",
            TenantEvent::Resume { .. } => "resumed",
            TenantEvent::Archive => "archived",
            TenantEvent::Restore => "restored",
            TenantEvent::MigrationStarted => "migration_started",
            TenantEvent::MigrationFinished { .. } => "migration_finished",
            TenantEvent::Terminate => "terminated",
        }
    }

    /// Verb phrase used in "cannot <verb> a tenant that is <state>".
    const fn verb(&self) -> &'static str {
        match self {
            TenantEvent::Provisioned { .. } => "complete provisioning of",
            TenantEvent::ProvisioningFailed => "mark provisioning as failed for",
            TenantEvent::RetryProvisioning => "retry provisioning of",
            TenantEvent::TrialConverted => "convert the trial of",
            TenantEvent::PaymentFailed => "mark a failed payment for",
            TenantEvent::PaymentRecovered => "record a recovered payment for",
            TenantEvent::Suspend => "suspend",
            TenantEvent::Resume { .. } => "resume",
            TenantEvent::Archive => "archive",
            TenantEvent::Restore => "restore",
            TenantEvent::MigrationStarted => "start migrating",
            TenantEvent::MigrationFinished { .. } => "finish migrating",
            TenantEvent::Terminate => "terminate",
        }
    }
}

impl fmt::Display for TenantEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Applies `event` to a tenant in state `from` and returns the new state.
///
/// Allowed transitions:
/// - Provisioning --Provisioned{trial}--> Trial (trial) or Active
/// - Provisioning --ProvisioningFailed--> Failed
/// - Failed --RetryProvisioning--> Provisioning
/// - Trial --TrialConverted--> Active
/// - Active --PaymentFailed--> PastDue
/// - PastDue | Suspended --PaymentRecovered--> Active
/// - Trial | Active | PastDue --Suspend--> Suspended
/// - Suspended --Resume{trial}--> Trial (trial) or Active
/// - Trial | Active | PastDue | Suspended | Failed --Archive--> Archived
/// - Archived --Restore--> Suspended
/// - Trial | Active --MigrationStarted--> Migrating
/// - Migrating --MigrationFinished{trial}--> Trial (trial) or Active
/// - Archived --Terminate--> Terminated
///
/// Anything else fails with "cannot `<event>` a tenant that is `<state>`".
pub fn transition(from: TenantState, event: &TenantEvent) -> Result<TenantState, DomainError> {
    use TenantEvent as E;
    use TenantState as S;
    let live = |trial: bool| if trial { S::Trial } else { S::Active };
    match (from, event) {
        (S::Provisioning, E::Provisioned { trial }) => Ok(live(*trial)),
        (S::Provisioning, E::ProvisioningFailed) => Ok(S::Failed),
        (S::Failed, E::RetryProvisioning) => Ok(S::Provisioning),
        (S::Trial, E::TrialConverted) => Ok(S::Active),
        (S::Active, E::PaymentFailed) => Ok(S::PastDue),
        (S::PastDue | S::Suspended, E::PaymentRecovered) => Ok(S::Active),
        (S::Trial | S::Active | S::PastDue, E::Suspend) => Ok(S::Suspended),
        (S::Suspended, E::Resume { trial }) => Ok(live(*trial)),
        (S::Trial | S::Active | S::PastDue | S::Suspended | S::Failed, E::Archive) => {
            Ok(S::Archived)
        }
        (S::Archived, E::Restore) => Ok(S::Suspended),
        (S::Trial | S::Active, E::MigrationStarted) => Ok(S::Migrating),
        (S::Migrating, E::MigrationFinished { trial }) => Ok(live(*trial)),
        (S::Archived, E::Terminate) => Ok(S::Terminated),
        _ => Err(DomainError::invalid(format!(
            "cannot {} a tenant that is {}",
            event.verb(),
            from.description()
        ))),
    }
}

#[cfg(test)]
mod tests;
