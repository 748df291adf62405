//! Charge outcomes and decline codes on the wire, and gateways as trait objects.

use super::*;

#[test]
fn outcome_and_decline_code_serde() {
    let json =
        serde_json::to_string(&ChargeOutcome::declined(DeclineCode::SuspectedFraud)).unwrap();
    assert_eq!(
        json,
        r#"{"status":"declined","code":"suspected_fraud","message":"Your card was declined. Please use a different card or contact your bank."}"#
    );
    let pending = ChargeOutcome::Pending {
        reference: "PAY-1".into(),
        due_days: 30,
        instructions: "Pay".into(),
    };
    let json = serde_json::to_string(&pending).unwrap();
    assert_eq!(
        json,
        r#"{"status":"pending","reference":"PAY-1","due_days":30,"instructions":"Pay"}"#
    );
    assert_eq!(
        serde_json::from_str::<ChargeOutcome>(&json).unwrap(),
        pending
    );
    for code in [
        DeclineCode::CardDeclined,
        DeclineCode::InsufficientFunds,
        DeclineCode::SuspectedFraud,
        DeclineCode::Expired,
        DeclineCode::Invalid,
    ] {
        assert_eq!(serde_json::to_string(&code).unwrap(), format!("\"{code}\""));
        assert!(code.customer_message().ends_with('.'));
    }
    let req = ChargeRequest::new("k", eur(5), "d");
    let json = serde_json::to_string(&req).unwrap();
    assert_eq!(serde_json::from_str::<ChargeRequest>(&json).unwrap(), req);
}

#[test]
fn gateways_work_as_trait_objects() {
    let gateways: Vec<Box<dyn PaymentGateway>> = vec![Box::new(gateway()), Box::new(ManualGateway)];
    let names: Vec<_> = gateways.iter().map(|g| g.name()).collect();
    assert_eq!(names, ["test_card", "manual"]);
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<TestCardGateway>();
    assert_send_sync::<ManualGateway>();
    assert_send_sync::<Box<dyn PaymentGateway>>();
}
