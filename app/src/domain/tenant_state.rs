//! The tenant lifecycle: states, events and the allowed transitions between them.

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
    /// Temporarily disabled; can be resumed.
    Suspended,
    /// Permanently closed (terminal).
    Archived,
    /// Provisioning did not succeed.
    Failed,
}

impl TenantState {
    /// All states in lifecycle order.
    pub const ALL: [TenantState; 6] = [
        TenantState::Provisioning,
        TenantState::Trial,
        TenantState::Active,
        TenantState::Suspended,
        TenantState::Archived,
        TenantState::Failed,
    ];

    /// Stable identifier used in storage and URLs.
    pub const fn as_str(self) -> &'static str {
        match self {
            TenantState::Provisioning => "provisioning",
            TenantState::Trial => "trial",
            TenantState::Active => "active",
            TenantState::Suspended => "suspended",
            TenantState::Archived => "archived",
            TenantState::Failed => "failed",
        }
    }

    /// Human-readable name for the UI.
    pub const fn label(self) -> &'static str {
        match self {
            TenantState::Provisioning => "Setting up",
            TenantState::Trial => "Free trial",
            TenantState::Active => "Active",
            TenantState::Suspended => "Suspended",
            TenantState::Archived => "Archived",
            TenantState::Failed => "Setup failed",
        }
    }

    /// Whether the tenant's instance is running and serving users (trial or active).
    pub const fn is_live(self) -> bool {
        matches!(self, TenantState::Trial | TenantState::Active)
    }

    /// Phrase used after "a tenant that is" in transition errors.
    const fn description(self) -> &'static str {
        match self {
            TenantState::Provisioning => "still provisioning",
            TenantState::Trial => "in trial",
            TenantState::Active => "active",
            TenantState::Suspended => "suspended",
            TenantState::Archived => "archived",
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
    /// The tenant was suspended.
    Suspend,
    /// A suspended tenant was resumed; `trial` selects Trial instead of Active.
    Resume {
        /// Whether the tenant goes back to its free trial.
        trial: bool,
    },
    /// The tenant was permanently closed.
    Archive,
}

impl TenantEvent {
    /// Stable name for audit logs, e.g. `"provisioned"` or `"suspended"`.
    pub const fn as_str(&self) -> &'static str {
        match self {
            TenantEvent::Provisioned { .. } => "provisioned",
            TenantEvent::ProvisioningFailed => "provisioning_failed",
            TenantEvent::RetryProvisioning => "provisioning_retried",
            TenantEvent::TrialConverted => "trial_converted",
            TenantEvent::Suspend => "suspended",
            TenantEvent::Resume { .. } => "resumed",
            TenantEvent::Archive => "archived",
        }
    }

    /// Verb phrase used in "cannot <verb> a tenant that is <state>".
    const fn verb(&self) -> &'static str {
        match self {
            TenantEvent::Provisioned { .. } => "complete provisioning of",
            TenantEvent::ProvisioningFailed => "mark provisioning as failed for",
            TenantEvent::RetryProvisioning => "retry provisioning of",
            TenantEvent::TrialConverted => "convert the trial of",
            TenantEvent::Suspend => "suspend",
            TenantEvent::Resume { .. } => "resume",
            TenantEvent::Archive => "archive",
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
/// - Trial | Active --Suspend--> Suspended
/// - Suspended --Resume{trial}--> Trial (trial) or Active
/// - Trial | Active | Suspended | Failed --Archive--> Archived
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
        (S::Trial | S::Active, E::Suspend) => Ok(S::Suspended),
        (S::Suspended, E::Resume { trial }) => Ok(live(*trial)),
        (S::Trial | S::Active | S::Suspended | S::Failed, E::Archive) => Ok(S::Archived),
        _ => Err(DomainError::invalid(format!(
            "cannot {} a tenant that is {}",
            event.verb(),
            from.description()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use TenantEvent as E;
    use TenantState as S;

    const EVENTS: [TenantEvent; 9] = [
        E::Provisioned { trial: true },
        E::Provisioned { trial: false },
        E::ProvisioningFailed,
        E::RetryProvisioning,
        E::TrialConverted,
        E::Suspend,
        E::Resume { trial: true },
        E::Resume { trial: false },
        E::Archive,
    ];

    #[test]
    fn state_strings_labels_and_parsing() {
        let expected = [
            "provisioning",
            "trial",
            "active",
            "suspended",
            "archived",
            "failed",
        ];
        for (state, name) in S::ALL.into_iter().zip(expected) {
            assert_eq!(state.as_str(), name);
            assert_eq!(state.to_string(), name);
            assert_eq!(name.parse::<TenantState>().unwrap(), state);
            assert!(!state.label().is_empty());
        }
        assert_eq!(S::Trial.label(), "Free trial");
        assert_eq!(
            "Trial".parse::<TenantState>().unwrap_err().to_string(),
            "\"Trial\" is not a known tenant state"
        );
        assert!("".parse::<TenantState>().is_err());
    }

    #[test]
    fn state_serde_uses_as_str() {
        for state in S::ALL {
            let json = serde_json::to_string(&state).unwrap();
            assert_eq!(json, format!("\"{}\"", state.as_str()));
            assert_eq!(serde_json::from_str::<TenantState>(&json).unwrap(), state);
        }
        assert!(serde_json::from_str::<TenantState>("\"deleted\"").is_err());
    }

    #[test]
    fn is_live_only_for_trial_and_active() {
        let live: Vec<_> = S::ALL.into_iter().filter(|s| s.is_live()).collect();
        assert_eq!(live, vec![S::Trial, S::Active]);
    }

    #[test]
    fn event_names() {
        let names: Vec<_> = EVENTS.iter().map(TenantEvent::as_str).collect();
        assert_eq!(
            names,
            [
                "provisioned",
                "provisioned",
                "provisioning_failed",
                "provisioning_retried",
                "trial_converted",
                "suspended",
                "resumed",
                "resumed",
                "archived"
            ]
        );
        assert_eq!(E::Suspend.to_string(), "suspended");
    }

    #[test]
    fn full_transition_table() {
        use S::*;
        // Expected result for every (state, event) pair, in EVENTS order.
        let table: [(TenantState, [Option<TenantState>; 9]); 6] = [
            (
                Provisioning,
                [
                    Some(Trial),
                    Some(Active),
                    Some(Failed),
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                ],
            ),
            (
                Trial,
                [
                    None,
                    None,
                    None,
                    None,
                    Some(Active),
                    Some(Suspended),
                    None,
                    None,
                    Some(Archived),
                ],
            ),
            (
                Active,
                [
                    None,
                    None,
                    None,
                    None,
                    None,
                    Some(Suspended),
                    None,
                    None,
                    Some(Archived),
                ],
            ),
            (
                Suspended,
                [
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    Some(Trial),
                    Some(Active),
                    Some(Archived),
                ],
            ),
            (Archived, [None; 9]),
            (
                Failed,
                [
                    None,
                    None,
                    None,
                    Some(Provisioning),
                    None,
                    None,
                    None,
                    None,
                    Some(Archived),
                ],
            ),
        ];
        for (from, expected_row) in table {
            for (event, expected) in EVENTS.iter().zip(expected_row) {
                let result = transition(from, event);
                match expected {
                    Some(to) => assert_eq!(result, Ok(to), "{from} + {event}"),
                    None => {
                        let message = result.unwrap_err().to_string();
                        assert!(message.starts_with("cannot "), "{message}");
                        assert!(message.contains(" a tenant that is "), "{message}");
                    }
                }
            }
        }
    }

    #[test]
    fn error_messages_read_naturally() {
        let msg = |from, event| transition(from, &event).unwrap_err().to_string();
        assert_eq!(
            msg(S::Archived, E::Suspend),
            "cannot suspend a tenant that is archived"
        );
        assert_eq!(
            msg(S::Active, E::Resume { trial: false }),
            "cannot resume a tenant that is active"
        );
        assert_eq!(
            msg(S::Active, E::TrialConverted),
            "cannot convert the trial of a tenant that is active"
        );
        assert_eq!(
            msg(S::Provisioning, E::Archive),
            "cannot archive a tenant that is still provisioning"
        );
        assert_eq!(
            msg(S::Trial, E::Provisioned { trial: true }),
            "cannot complete provisioning of a tenant that is in trial"
        );
        assert_eq!(
            msg(S::Failed, E::ProvisioningFailed),
            "cannot mark provisioning as failed for a tenant that is failed"
        );
    }

    fn any_state() -> impl Strategy<Value = TenantState> {
        proptest::sample::select(S::ALL.to_vec())
    }

    fn any_event() -> impl Strategy<Value = TenantEvent> {
        proptest::sample::select(EVENTS.to_vec())
    }

    proptest! {
        #[test]
        fn archived_is_terminal_and_only_a_retry_goes_back_to_provisioning(
            start in any_state(),
            events in proptest::collection::vec(any_event(), 0..20),
        ) {
            let mut state = start;
            for event in &events {
                let was_archived = state == S::Archived;
                match transition(state, event) {
                    Ok(next) => {
                        prop_assert!(!was_archived);
                        prop_assert_ne!(next, state);
                        prop_assert!(next != S::Provisioning || *event == E::RetryProvisioning);
                        state = next;
                    }
                    Err(e) => prop_assert!(e.to_string().starts_with("cannot ")),
                }
            }
        }
    }
}
