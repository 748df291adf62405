//! The subscription lifecycle: states, events and the allowed transitions between them.
//!
//! A subscription follows its tenant: it waits while the instance is set up, runs as a trial or
//! paid, and ends when provisioning fails, the order is rejected, a trial runs out or a
//! cancellation reaches its period's end.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::names::stored_names;
use super::DomainError;

/// Where a subscription is in its lifecycle; serialized as `"pending"`, `"trial"`, etc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionState {
    /// Ordered; the instance is not ready yet.
    Pending,
    /// Running on a free trial.
    Trial,
    /// Running and paid.
    Active,
    /// A trial that ran out; the data is kept until the customer subscribes.
    Suspended,
    /// Ended (its order failed or was rejected, its trial was archived, or it was cancelled).
    Cancelled,
}

impl SubscriptionState {
    /// All states in lifecycle order.
    pub const ALL: [SubscriptionState; 5] = [
        SubscriptionState::Pending,
        SubscriptionState::Trial,
        SubscriptionState::Active,
        SubscriptionState::Suspended,
        SubscriptionState::Cancelled,
    ];

    /// Stable identifier used in storage and on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            SubscriptionState::Pending => "pending",
            SubscriptionState::Trial => "trial",
            SubscriptionState::Active => "active",
            SubscriptionState::Suspended => "suspended",
            SubscriptionState::Cancelled => "cancelled",
        }
    }

    /// Human-readable name for the UI.
    pub const fn label(self) -> &'static str {
        match self {
            SubscriptionState::Pending => "Being set up",
            SubscriptionState::Trial => "Free trial",
            SubscriptionState::Active => "Active",
            SubscriptionState::Suspended => "Suspended",
            SubscriptionState::Cancelled => "Cancelled",
        }
    }

    /// Phrase used after "a subscription that is" in transition errors.
    const fn description(self) -> &'static str {
        match self {
            SubscriptionState::Pending => "pending",
            SubscriptionState::Trial => "in trial",
            SubscriptionState::Active => "active",
            SubscriptionState::Suspended => "suspended",
            SubscriptionState::Cancelled => "cancelled",
        }
    }
}

stored_names!(SubscriptionState, "subscription state");

/// Something that happens to a subscription and may change its [`SubscriptionState`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubscriptionEvent {
    /// The instance is ready; `trial` selects Trial instead of Active.
    Provisioned {
        /// Whether the subscription starts as a free trial.
        trial: bool,
    },
    /// Setting up the instance failed.
    ProvisioningFailed,
    /// An operator (or a rule) rejected the order before the instance was set up.
    OrderRejected,
    /// An operator retries a failed set-up.
    RetryProvisioning,
    /// The free trial ran out; the plan says whether it is archived or suspended.
    TrialEnded {
        /// Whether the plan closes an ended trial (else it is suspended).
        archive: bool,
    },
    /// A cancellation the customer ordered took effect at the period's end.
    PeriodEndedCancelled,
    /// A renewal was never paid: dunning gave up and the tenant was archived.
    EndedUnpaid,
    /// The free trial became a paid subscription from the portal (same instance, data kept).
    Converted,
}

impl SubscriptionEvent {
    /// Stable name for audit logs, e.g. `"provisioned"` or `"trial_ended"`.
    pub const fn as_str(&self) -> &'static str {
        match self {
            SubscriptionEvent::Provisioned { .. } => "provisioned",
            SubscriptionEvent::ProvisioningFailed => "provisioning_failed",
            SubscriptionEvent::OrderRejected => "order_rejected",
            SubscriptionEvent::RetryProvisioning => "provisioning_retried",
            SubscriptionEvent::TrialEnded { .. } => "trial_ended",
            SubscriptionEvent::PeriodEndedCancelled => "cancelled_at_period_end",
            SubscriptionEvent::EndedUnpaid => "ended_unpaid",
            SubscriptionEvent::Converted => "converted",
        }
    }

    /// Verb phrase used in "cannot <verb> a subscription that is <state>".
    const fn verb(&self) -> &'static str {
        match self {
            SubscriptionEvent::Provisioned { .. } => "start",
            SubscriptionEvent::ProvisioningFailed => "fail the set-up of",
            SubscriptionEvent::OrderRejected => "reject the order of",
            SubscriptionEvent::RetryProvisioning => "retry the set-up of",
            SubscriptionEvent::TrialEnded { .. } => "end the trial of",
            SubscriptionEvent::PeriodEndedCancelled => "end at its period's end",
            SubscriptionEvent::EndedUnpaid => "end for non-payment",
            SubscriptionEvent::Converted => "convert to paid",
        }
    }
}

impl fmt::Display for SubscriptionEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Applies `event` to a subscription in state `from` and returns the new state.
///
/// Allowed transitions:
/// - Pending --Provisioned{trial}--> Trial (trial) or Active
/// - Pending --ProvisioningFailed | OrderRejected--> Cancelled
/// - Cancelled --RetryProvisioning--> Pending (the tenant's machine only lets a failed set-up
///   be retried, so a subscription that ended otherwise never gets here)
/// - Trial --TrialEnded{archive}--> Cancelled (archive) or Suspended
/// - Trial --Converted--> Active
/// - Active --PeriodEndedCancelled | EndedUnpaid--> Cancelled
///
/// Anything else fails with "cannot `<event>` a subscription that is `<state>`".
pub fn transition(
    from: SubscriptionState,
    event: &SubscriptionEvent,
) -> Result<SubscriptionState, DomainError> {
    use SubscriptionEvent as E;
    use SubscriptionState as S;
    match (from, event) {
        (S::Pending, E::Provisioned { trial: true }) => Ok(S::Trial),
        (S::Pending, E::Provisioned { trial: false }) => Ok(S::Active),
        (S::Pending, E::ProvisioningFailed | E::OrderRejected) => Ok(S::Cancelled),
        (S::Cancelled, E::RetryProvisioning) => Ok(S::Pending),
        (S::Trial, E::TrialEnded { archive: true }) => Ok(S::Cancelled),
        (S::Trial, E::TrialEnded { archive: false }) => Ok(S::Suspended),
        (S::Active, E::PeriodEndedCancelled | E::EndedUnpaid) => Ok(S::Cancelled),
        (S::Trial, E::Converted) => Ok(S::Active),
        _ => Err(DomainError::invalid(format!(
            "cannot {} a subscription that is {}",
            event.verb(),
            from.description()
        ))),
    }
}

#[cfg(test)]
mod tests;
