//! Every stored status enum: `as_str`, `Display`, `FromStr` and serde agree, and unknown
//! values are refused with a clear message.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::domain::fraud::FraudRule;
use crate::domain::order_flow::{event_label, OrderKind, OrderStatus, EVENT_NAMES};
use crate::domain::payment::{gateway_label, ManualGateway, PaymentStatus, TestCardGateway};
use crate::domain::{InvoiceStatus, PlanStatus, StepStatus, SubscriptionState, TenantState};

fn round_trips<T>(all: &[T], as_str: fn(T) -> &'static str, what: &str)
where
    T: Copy
        + PartialEq
        + std::fmt::Debug
        + std::fmt::Display
        + std::str::FromStr
        + Serialize
        + DeserializeOwned,
    T::Err: std::fmt::Display,
{
    for &value in all {
        let name = as_str(value);
        assert_eq!(value.to_string(), name);
        assert_eq!(name.parse::<T>().ok(), Some(value));
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            format!("\"{name}\"")
        );
        assert_eq!(
            serde_json::from_str::<T>(&format!("\"{name}\"")).unwrap(),
            value
        );
    }
    let refused = "Nope".parse::<T>().err().map(|e| e.to_string());
    assert_eq!(refused, Some(format!("\"Nope\" is not a known {what}")));
}

#[test]
fn every_status_enum_round_trips_through_its_names() {
    round_trips(&OrderStatus::ALL, OrderStatus::as_str, "order status");
    round_trips(&TenantState::ALL, TenantState::as_str, "tenant state");
    round_trips(
        &SubscriptionState::ALL,
        SubscriptionState::as_str,
        "subscription state",
    );
    round_trips(&PlanStatus::ALL, PlanStatus::as_str, "plan status");
    round_trips(&InvoiceStatus::ALL, InvoiceStatus::as_str, "invoice status");
    round_trips(&PaymentStatus::ALL, PaymentStatus::as_str, "payment status");
    round_trips(
        &StepStatus::ALL,
        StepStatus::as_str,
        "provisioning step status",
    );
}

/// A label a person reads: not empty, no code's underscore, not the code itself (unless the
/// code is already a plain lowercase word and the label only capitalizes it).
fn assert_words(code: &str, label: &str) {
    assert!(!label.trim().is_empty(), "{code} has no label");
    assert!(
        !label.contains('_'),
        "{code}'s label {label:?} has an underscore"
    );
    assert!(
        !code.contains('_') || label != code,
        "{code} is shown as its code"
    );
}

#[test]
fn every_name_a_person_reads_has_a_label_in_words() {
    fn each<T: Copy>(all: &[T], as_str: fn(T) -> &'static str, label: fn(T) -> &'static str) {
        for &value in all {
            assert_words(as_str(value), label(value));
        }
    }
    each(&OrderStatus::ALL, OrderStatus::as_str, OrderStatus::label);
    each(&OrderKind::ALL, OrderKind::as_str, OrderKind::label);
    each(&TenantState::ALL, TenantState::as_str, TenantState::label);
    each(
        &SubscriptionState::ALL,
        SubscriptionState::as_str,
        SubscriptionState::label,
    );
    each(&PlanStatus::ALL, PlanStatus::as_str, PlanStatus::label);
    each(
        &InvoiceStatus::ALL,
        InvoiceStatus::as_str,
        InvoiceStatus::label,
    );
    each(
        &PaymentStatus::ALL,
        PaymentStatus::as_str,
        PaymentStatus::label,
    );
    each(&StepStatus::ALL, StepStatus::as_str, StepStatus::label);
    each(&FraudRule::ALL, FraudRule::as_str, FraudRule::label);
    for event in EVENT_NAMES {
        let label = event_label(event);
        assert_words(event, label);
        assert_ne!(label, "Updated", "{event} has no label of its own");
    }
    assert_eq!(event_label("payment_captured"), "Payment captured");
    assert_eq!(gateway_label(TestCardGateway::NAME), "Test card");
    assert_eq!(gateway_label(ManualGateway::NAME), "Bank transfer");
    assert_eq!(gateway_label("other_gateway"), "Other gateway");
    assert_eq!(
        FraudRule::from_name("orders_per_email"),
        Some(FraudRule::OrdersPerEmail)
    );
    assert_eq!(FraudRule::from_name("fraud_screening"), None);
}

#[test]
fn stored_names_match_the_schema() {
    let names = |all: &[&'static str]| all.join(",");
    let plan: Vec<_> = PlanStatus::ALL
        .into_iter()
        .map(PlanStatus::as_str)
        .collect();
    assert_eq!(names(&plan), "draft,published,retired");
    let invoice: Vec<_> = InvoiceStatus::ALL
        .into_iter()
        .map(InvoiceStatus::as_str)
        .collect();
    assert_eq!(names(&invoice), "open,paid,void");
    let payment: Vec<_> = PaymentStatus::ALL
        .into_iter()
        .map(PaymentStatus::as_str)
        .collect();
    assert_eq!(names(&payment), "pending,captured,refunded,voided,declined");
}
