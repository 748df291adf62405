//! The ticket lifecycle's whole table, the stored names and the texts' limits.

use proptest::prelude::*;

use super::*;
use TicketEvent as E;
use TicketStatus as S;

#[test]
fn names_round_trip() {
    for s in S::ALL {
        assert_eq!(s.as_str().parse::<TicketStatus>().unwrap(), s);
        assert!(!s.label().is_empty());
    }
    for c in TicketCategory::ALL {
        assert_eq!(c.as_str().parse::<TicketCategory>().unwrap(), c);
    }
    for side in TicketSide::ALL {
        assert_eq!(side.as_str().parse::<TicketSide>().unwrap(), side);
    }
    assert_eq!(
        "sales".parse::<TicketCategory>().unwrap_err().to_string(),
        "\"sales\" is not a known ticket category"
    );
    assert_eq!(
        serde_json::to_string(&S::WaitingOnCustomer).unwrap(),
        "\"waiting_on_customer\""
    );
}

#[test]
fn the_whole_transition_table() {
    let table = [
        (S::Open, E::TenantWrote, Some(S::Open)),
        (S::Open, E::OperatorReplied, Some(S::WaitingOnCustomer)),
        (S::Open, E::Close, Some(S::Closed)),
        (S::WaitingOnCustomer, E::TenantWrote, Some(S::Open)),
        (
            S::WaitingOnCustomer,
            E::OperatorReplied,
            Some(S::WaitingOnCustomer),
        ),
        (S::WaitingOnCustomer, E::Close, Some(S::Closed)),
        // A message reopens a closed ticket for the side that must act next.
        (S::Closed, E::TenantWrote, Some(S::Open)),
        (S::Closed, E::OperatorReplied, Some(S::WaitingOnCustomer)),
        (S::Closed, E::Close, None),
    ];
    assert_eq!(table.len(), S::ALL.len() * E::ALL.len());
    for (from, event, to) in table {
        assert_eq!(transition(from, event).ok(), to, "{from} {event:?}");
    }
    assert_eq!(
        transition(S::Closed, E::Close).unwrap_err().to_string(),
        "The ticket is already closed."
    );
}

#[test]
fn a_message_is_the_event_of_its_side() {
    assert_eq!(TicketSide::Tenant.message(), E::TenantWrote);
    assert_eq!(TicketSide::Operator.message(), E::OperatorReplied);
}

#[test]
fn subjects_are_one_bounded_line() {
    assert_eq!(
        TicketSubject::parse("  Invoice  ").unwrap().as_str(),
        "Invoice"
    );
    assert_eq!(TicketSubject::parse(" \t "), Err(TextProblem::Empty));
    assert_eq!(
        TicketSubject::parse("a\nb"),
        Err(TextProblem::ControlCharacters)
    );
    assert!(TicketSubject::parse(&"é".repeat(200)).is_ok());
    assert_eq!(
        TicketSubject::parse(&"é".repeat(201)),
        Err(TextProblem::TooLong { max: 200 })
    );
    // Markup is text like any other: the pages escape it.
    assert_eq!(
        TicketSubject::parse("<script>x</script>").unwrap().as_str(),
        "<script>x</script>"
    );
}

#[test]
fn messages_keep_their_lines() {
    let body = TicketBody::parse("\r\n Hello,\r\n\r\n\tit broke.\r\n").unwrap();
    assert_eq!(body.as_str(), "Hello,\n\n\tit broke.");
    assert_eq!(TicketBody::parse("\n\n"), Err(TextProblem::Empty));
    assert_eq!(
        TicketBody::parse("a\u{0}b"),
        Err(TextProblem::ControlCharacters)
    );
    assert!(TicketBody::parse(&"x".repeat(10_000)).is_ok());
    assert_eq!(
        TicketBody::parse(&"x".repeat(10_001)),
        Err(TextProblem::TooLong { max: 10_000 })
    );
    assert_eq!(
        DomainError::from(TextProblem::TooLong { max: 5 }).to_string(),
        "The text must be at most 5 characters."
    );
}

proptest! {
    #[test]
    fn accepted_messages_are_trimmed_bounded_and_have_no_carriage_returns(s in "\\PC{0,60}|[a\r\n ]{0,20}") {
        if let Ok(b) = TicketBody::parse(&s) {
            prop_assert_eq!(b.as_str(), b.as_str().trim());
            prop_assert!(!b.as_str().is_empty());
            prop_assert!(!b.as_str().contains('\r'));
            prop_assert!(b.as_str().chars().count() <= TicketBody::MAX);
        }
    }

    #[test]
    fn every_message_leaves_the_ticket_for_the_other_side(from in 0usize..3, tenant in any::<bool>()) {
        let side = if tenant { TicketSide::Tenant } else { TicketSide::Operator };
        let to = transition(S::ALL[from], side.message()).unwrap();
        prop_assert_eq!(to, if tenant { S::Open } else { S::WaitingOnCustomer });
    }
}
