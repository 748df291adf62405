//! The subscription lifecycle: names, serde and the whole transition table.

use proptest::prelude::*;

use super::*;
use SubscriptionEvent as E;
use SubscriptionState as S;

const EVENTS: [SubscriptionEvent; 10] = [
    E::Provisioned { trial: true },
    E::Provisioned { trial: false },
    E::ProvisioningFailed,
    E::OrderRejected,
    E::RetryProvisioning,
    E::TrialEnded { archive: true },
    E::TrialEnded { archive: false },
    E::PeriodEndedCancelled,
    E::EndedUnpaid,
    E::Converted,
];

#[test]
fn state_strings_labels_and_parsing() {
    let expected = ["pending", "trial", "active", "suspended", "cancelled"];
    for (state, name) in S::ALL.into_iter().zip(expected) {
        assert_eq!(state.as_str(), name);
        assert_eq!(state.to_string(), name);
        assert_eq!(name.parse::<SubscriptionState>().unwrap(), state);
        assert!(!state.label().is_empty());
    }
    assert_eq!(
        "Active"
            .parse::<SubscriptionState>()
            .unwrap_err()
            .to_string(),
        "\"Active\" is not a known subscription state"
    );
    assert!("".parse::<SubscriptionState>().is_err());
}

#[test]
fn state_serde_uses_as_str() {
    for state in S::ALL {
        let json = serde_json::to_string(&state).unwrap();
        assert_eq!(json, format!("\"{}\"", state.as_str()));
        assert_eq!(
            serde_json::from_str::<SubscriptionState>(&json).unwrap(),
            state
        );
    }
    assert!(serde_json::from_str::<SubscriptionState>("\"expired\"").is_err());
}

#[test]
fn event_names() {
    let names: Vec<_> = EVENTS.iter().map(SubscriptionEvent::as_str).collect();
    assert_eq!(
        names,
        [
            "provisioned",
            "provisioned",
            "provisioning_failed",
            "order_rejected",
            "provisioning_retried",
            "trial_ended",
            "trial_ended",
            "cancelled_at_period_end",
            "ended_unpaid",
            "converted"
        ]
    );
    assert_eq!(E::OrderRejected.to_string(), "order_rejected");
}

#[test]
fn full_transition_table() {
    use S::*;
    // Expected result for every (state, event) pair, in EVENTS order.
    let table: [(SubscriptionState, [Option<SubscriptionState>; 10]); 5] = [
        (
            Pending,
            [
                Some(Trial),
                Some(Active),
                Some(Cancelled),
                Some(Cancelled),
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
                None,
                Some(Cancelled),
                Some(Suspended),
                None,
                None,
                Some(Active),
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
                None,
                None,
                Some(Cancelled),
                Some(Cancelled),
                None,
            ],
        ),
        (Suspended, [None; 10]),
        (
            Cancelled,
            [
                None,
                None,
                None,
                None,
                Some(Pending),
                None,
                None,
                None,
                None,
                None,
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
                    assert!(
                        message
                            .ends_with(&format!(" a subscription that is {}", from.description())),
                        "{message}"
                    );
                }
            }
        }
    }
}

#[test]
fn error_messages_read_naturally() {
    let msg = |from, event| transition(from, &event).unwrap_err().to_string();
    assert_eq!(
        msg(S::Active, E::TrialEnded { archive: false }),
        "cannot end the trial of a subscription that is active"
    );
    assert_eq!(
        msg(S::Cancelled, E::OrderRejected),
        "cannot reject the order of a subscription that is cancelled"
    );
    assert_eq!(
        msg(S::Trial, E::PeriodEndedCancelled),
        "cannot end at its period's end a subscription that is in trial"
    );
    assert_eq!(
        msg(S::Active, E::Provisioned { trial: false }),
        "cannot start a subscription that is active"
    );
}

fn any_state() -> impl Strategy<Value = SubscriptionState> {
    proptest::sample::select(S::ALL.to_vec())
}

fn any_event() -> impl Strategy<Value = SubscriptionEvent> {
    proptest::sample::select(EVENTS.to_vec())
}

proptest! {
    #[test]
    fn suspended_is_terminal_and_only_a_retry_goes_back_to_pending(
        start in any_state(),
        events in proptest::collection::vec(any_event(), 0..20),
    ) {
        let mut state = start;
        for event in &events {
            match transition(state, event) {
                Ok(next) => {
                    prop_assert_ne!(state, S::Suspended);
                    prop_assert_ne!(next, state);
                    prop_assert!(next != S::Pending || *event == E::RetryProvisioning);
                    state = next;
                }
                Err(e) => prop_assert!(e.to_string().starts_with("cannot ")),
            }
        }
    }
}
