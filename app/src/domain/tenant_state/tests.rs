//! The tenant lifecycle: names, serde and the whole transition table.
use proptest::prelude::*;

use super::*;
use TenantEvent as E;
use TenantState as S;

const EVENTS: [TenantEvent; 16] = [
    E::Provisioned { trial: true },
    E::Provisioned { trial: false },
    E::ProvisioningFailed,
    E::RetryProvisioning,
    E::TrialConverted,
    E::PaymentFailed,
    E::PaymentRecovered,
    E::Suspend,
    E::Resume { trial: true },
    E::Resume { trial: false },
    E::Archive,
    E::Restore,
    E::MigrationStarted,
    E::MigrationFinished { trial: true },
    E::MigrationFinished { trial: false },
    E::Terminate,
];

/// Every allowed move; any pair not listed is refused.
const ALLOWED: &[(TenantState, TenantEvent, TenantState)] = &[
    (S::Provisioning, E::Provisioned { trial: true }, S::Trial),
    (S::Provisioning, E::Provisioned { trial: false }, S::Active),
    (S::Provisioning, E::ProvisioningFailed, S::Failed),
    (S::Failed, E::RetryProvisioning, S::Provisioning),
    (S::Failed, E::Archive, S::Archived),
    (S::Trial, E::TrialConverted, S::Active),
    (S::Trial, E::Suspend, S::Suspended),
    (S::Trial, E::Archive, S::Archived),
    (S::Trial, E::MigrationStarted, S::Migrating),
    (S::Active, E::PaymentFailed, S::PastDue),
    (S::Active, E::Suspend, S::Suspended),
    (S::Active, E::Archive, S::Archived),
    (S::Active, E::MigrationStarted, S::Migrating),
    (S::PastDue, E::PaymentRecovered, S::Active),
    (S::PastDue, E::Suspend, S::Suspended),
    (S::PastDue, E::Archive, S::Archived),
    (S::Suspended, E::PaymentRecovered, S::Active),
    (S::Suspended, E::Resume { trial: true }, S::Trial),
    (S::Suspended, E::Resume { trial: false }, S::Active),
    (S::Suspended, E::Archive, S::Archived),
    (S::Archived, E::Restore, S::Suspended),
    (S::Archived, E::Terminate, S::Terminated),
    (S::Migrating, E::MigrationFinished { trial: true }, S::Trial),
    (
        S::Migrating,
        E::MigrationFinished { trial: false },
        S::Active,
    ),
];

#[test]
fn state_strings_labels_and_parsing() {
    let expected = [
        "provisioning",
        "trial",
        "active",
        "past_due",
        "suspended",
        "archived",
        "migrating",
        "terminated",
        "failed",
    ];
    for (state, name) in S::ALL.into_iter().zip(expected) {
        assert_eq!(state.as_str(), name);
        assert_eq!(state.to_string(), name);
        assert_eq!(name.parse::<TenantState>().unwrap(), state);
        assert!(!state.label().is_empty());
    }
    assert_eq!(S::Trial.label(), "Free trial");
    assert_eq!(S::PastDue.label(), "Past due");
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
fn a_running_instance_is_live() {
    let live: Vec<_> = S::ALL.into_iter().filter(|s| s.is_live()).collect();
    assert_eq!(live, vec![S::Trial, S::Active, S::PastDue, S::Migrating]);
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
            "payment_failed",
            "payment_recovered",
            "suspended",
            "resumed",
            "resumed",
            "archived",
            "restored",
            "migration_started",
            "migration_finished",
            "migration_finished",
            "terminated",
        ]
    );
    assert_eq!(E::Suspend.to_string(), "suspended");
}

#[test]
fn full_transition_table() {
    for from in S::ALL {
        for event in &EVENTS {
            let allowed = ALLOWED
                .iter()
                .find(|(f, e, _)| *f == from && e == event)
                .map(|(_, _, to)| *to);
            match (transition(from, event), allowed) {
                (Ok(to), Some(expected)) => assert_eq!(to, expected, "{from} + {event}"),
                (Err(e), None) => {
                    let message = e.to_string();
                    assert!(message.starts_with("cannot "), "{message}");
                    assert!(message.contains(" a tenant that is "), "{message}");
                }
                (got, want) => panic!("{from} + {event}: got {got:?}, want {want:?}"),
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
        msg(S::Terminated, E::Restore),
        "cannot restore a tenant that is terminated"
    );
    assert_eq!(
        msg(S::Trial, E::PaymentFailed),
        "cannot mark a failed payment for a tenant that is in trial"
    );
    assert_eq!(
        msg(S::Provisioning, E::Archive),
        "cannot archive a tenant that is still provisioning"
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
    fn terminated_is_final_and_data_goes_only_through_archive(
        start in any_state(),
        events in proptest::collection::vec(any_event(), 0..30),
    ) {
        let mut state = start;
        for event in &events {
            match transition(state, event) {
                Ok(next) => {
                    prop_assert_ne!(state, S::Terminated);
                    prop_assert_ne!(next, state);
                    prop_assert!(next != S::Provisioning || *event == E::RetryProvisioning);
                    // Only an archived tenant's data is deleted.
                    prop_assert!(next != S::Terminated || state == S::Archived);
                    // Payment never brings back an archived tenant by itself.
                    prop_assert!(*event != E::PaymentRecovered || state != S::Archived);
                    state = next;
                }
                Err(e) => prop_assert!(e.to_string().starts_with("cannot ")),
            }
        }
    }
}
