//! The full transition table: every status against every event in every context.

use super::*;

/// Expected outcome of one (status, event) pair.
#[derive(Clone, Copy)]
enum Want {
    /// Refused in every context.
    No,
    /// Always this status.
    To(OrderStatus),
    /// Depends on the context.
    If(fn(&FlowContext) -> OrderStatus),
}

fn clean_screening(c: &FlowContext) -> OrderStatus {
    if c.payment_required {
        S::AwaitingPayment
    } else {
        S::Provisioning
    }
}

fn captured(c: &FlowContext) -> OrderStatus {
    if c.flagged {
        S::AwaitingApproval
    } else {
        S::Provisioning
    }
}

fn settled(c: &FlowContext) -> OrderStatus {
    if c.payment_required && !c.payment_captured {
        S::AwaitingPayment
    } else {
        S::Provisioning
    }
}

#[test]
fn every_status_and_event_pair_matches_the_table() {
    use Want::{If, No, To};
    let cancel = To(S::Cancelled);
    // Columns follow `events()`: screened(clean), screened(flagged), captured, offline,
    // declined, approved, rejected, provisioned, provisioning_failed, retry, cancel.
    let table: [(OrderStatus, [Want; 11]); 9] = [
        (
            S::Placed,
            [
                If(clean_screening),
                To(S::AwaitingApproval),
                No,
                No,
                No,
                No,
                No,
                No,
                No,
                No,
                cancel,
            ],
        ),
        (
            S::Screening,
            [
                If(clean_screening),
                To(S::AwaitingApproval),
                No,
                No,
                No,
                No,
                No,
                No,
                No,
                No,
                cancel,
            ],
        ),
        (
            S::AwaitingPayment,
            [
                No,
                No,
                If(captured),
                To(S::AwaitingApproval),
                To(S::Failed),
                No,
                No,
                No,
                No,
                No,
                cancel,
            ],
        ),
        (
            S::AwaitingApproval,
            [
                No,
                No,
                No,
                No,
                No,
                If(settled),
                To(S::Rejected),
                No,
                No,
                No,
                cancel,
            ],
        ),
        (
            S::Provisioning,
            [
                No,
                No,
                No,
                No,
                No,
                No,
                No,
                To(S::Completed),
                To(S::Failed),
                No,
                cancel,
            ],
        ),
        (S::Completed, [No; 11]),
        (S::Rejected, [No; 11]),
        (S::Cancelled, [No; 11]),
        (
            S::Failed,
            [
                No,
                No,
                No,
                No,
                No,
                No,
                To(S::Rejected),
                No,
                No,
                If(settled),
                cancel,
            ],
        ),
    ];
    let covered: Vec<OrderStatus> = table.iter().map(|(s, _)| *s).collect();
    assert_eq!(covered, S::ALL.to_vec());
    for (from, row) in &table {
        for (event, want) in events().iter().zip(row) {
            for ctx in contexts() {
                let result = next(*from, event, &ctx);
                let expected = match want {
                    No => None,
                    To(to) => Some(*to),
                    If(f) => Some(f(&ctx)),
                };
                match expected {
                    Some(to) => assert_eq!(result, Ok(to), "{from} + {event} in {ctx:?}"),
                    None => {
                        let message = result.unwrap_err().to_string();
                        assert!(
                            message.starts_with("an order that is "),
                            "{from} + {event}: {message}"
                        );
                        assert!(message.contains(" cannot "), "{message}");
                    }
                }
            }
        }
    }
}
