//! Every stored status enum: `as_str`, `Display`, `FromStr` and serde agree, and unknown
//! values are refused with a clear message.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::domain::order_flow::OrderStatus;
use crate::domain::payment::PaymentStatus;
use crate::domain::{InvoiceStatus, PlanStatus, SubscriptionState, TenantState};

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
