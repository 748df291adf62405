//! Order events: names, reasons and serde (with the flow context).

use super::*;

#[test]
fn events_have_names_reasons_and_serde() {
    let names: Vec<_> = events().iter().map(OrderEvent::as_str).collect();
    assert_eq!(
        names,
        [
            "screened",
            "screened",
            "payment_captured",
            "payment_offline",
            "payment_declined",
            "approved",
            "rejected",
            "provisioned",
            "provisioning_failed",
            "retry",
            "cancel"
        ]
    );
    assert_eq!(E::Cancel { reason: "r".into() }.reason(), Some("r"));
    assert_eq!(E::Approved.reason(), None);
    assert_eq!(
        serde_json::to_string(&E::Screened { flagged: true }).unwrap(),
        r#"{"event":"screened","flagged":true}"#
    );
    assert_eq!(
        serde_json::to_string(&E::PaymentCaptured).unwrap(),
        r#"{"event":"payment_captured"}"#
    );
    for event in events() {
        let json = serde_json::to_string(&event).unwrap();
        assert_eq!(serde_json::from_str::<OrderEvent>(&json).unwrap(), event);
    }
    let ctx = FlowContext {
        payment_required: true,
        flagged: false,
        payment_captured: true,
    };
    let json = serde_json::to_string(&ctx).unwrap();
    assert_eq!(serde_json::from_str::<FlowContext>(&json).unwrap(), ctx);
}

#[test]
fn every_event_name_is_listed_and_has_an_operators_label() {
    for name in events().iter().map(OrderEvent::as_str).chain(["placed"]) {
        assert!(EVENT_NAMES.contains(&name), "{name} is in EVENT_NAMES");
        let label = event_label(name);
        assert!(
            label != "Updated" && !label.contains('_'),
            "{name}: {label}"
        );
    }
}
