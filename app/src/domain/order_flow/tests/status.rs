//! Order statuses: final statuses, identifiers and serde.

use super::*;

#[test]
fn final_statuses() {
    let finals: Vec<_> = S::ALL.into_iter().filter(|s| s.is_final()).collect();
    assert_eq!(finals, vec![S::Completed, S::Rejected, S::Cancelled]);
}

#[test]
fn only_placed_screening_and_provisioning_move_by_themselves() {
    let moving: Vec<_> = S::ALL.into_iter().filter(|s| s.moves_by_itself()).collect();
    assert_eq!(moving, [S::Placed, S::Screening, S::Provisioning]);
    assert!(moving.iter().all(|s| !s.is_final()));
}

#[test]
fn statuses_round_trip_through_strings_and_serde() {
    for status in S::ALL {
        assert_eq!(status.as_str().parse::<OrderStatus>().unwrap(), status);
        assert_eq!(status.to_string(), status.as_str());
        let json = serde_json::to_string(&status).unwrap();
        assert_eq!(json, format!("\"{}\"", status.as_str()));
        assert_eq!(serde_json::from_str::<OrderStatus>(&json).unwrap(), status);
    }
    assert_eq!(S::AwaitingPayment.as_str(), "awaiting_payment");
    assert_eq!(S::AwaitingPayment.label(), "Awaiting payment");
    assert_eq!(
        "Placed".parse::<OrderStatus>().unwrap_err().to_string(),
        "\"Placed\" is not a known order status"
    );
}
