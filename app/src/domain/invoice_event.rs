//! [`InvoiceEvent`]: the steps on an invoice's timeline after it was issued.

use serde::{Deserialize, Serialize};

use super::names::stored_names;

/// One step on an invoice's timeline (`invoice_events.event`), written by the dunning of an
/// unpaid renewal (a declined card or an overdue transfer); serialized as its stored name, e.g. `"retry_failed"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceEvent {
    /// The renewal's card payment was declined.
    PaymentFailed,
    /// The renewal's bank transfer did not arrive by the invoice's due date.
    Overdue,
    /// The dunning began (with its retry plan, or none after a hard decline).
    DunningStarted,
    /// An operator asked for the card to be tried now.
    RetryRequested,
    /// A scheduled retry was declined again.
    RetryFailed,
    /// A scheduled retry could not run (no card on file).
    RetrySkipped,
    /// A scheduled retry was paid.
    RetrySucceeded,
    /// The invoice was paid: the dunning is over.
    DunningEnded,
    /// The grace period ran out: the tenant was suspended.
    TenantSuspended,
    /// The tenant stayed suspended too long: it was archived.
    TenantArchived,
}

impl InvoiceEvent {
    /// All events, in the order a dunning meets them.
    pub const ALL: [InvoiceEvent; 10] = [
        InvoiceEvent::PaymentFailed,
        InvoiceEvent::Overdue,
        InvoiceEvent::DunningStarted,
        InvoiceEvent::RetryRequested,
        InvoiceEvent::RetryFailed,
        InvoiceEvent::RetrySkipped,
        InvoiceEvent::RetrySucceeded,
        InvoiceEvent::DunningEnded,
        InvoiceEvent::TenantSuspended,
        InvoiceEvent::TenantArchived,
    ];

    /// Stable identifier used in storage and on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            InvoiceEvent::PaymentFailed => "payment_failed",
            InvoiceEvent::Overdue => "overdue",
            InvoiceEvent::DunningStarted => "dunning_started",
            InvoiceEvent::RetryRequested => "retry_requested",
            InvoiceEvent::RetryFailed => "retry_failed",
            InvoiceEvent::RetrySkipped => "retry_skipped",
            InvoiceEvent::RetrySucceeded => "retry_succeeded",
            InvoiceEvent::DunningEnded => "dunning_ended",
            InvoiceEvent::TenantSuspended => "tenant_suspended",
            InvoiceEvent::TenantArchived => "tenant_archived",
        }
    }

    /// Human-readable name for the operator's pages, e.g. `"Retry failed"`.
    pub const fn label(self) -> &'static str {
        match self {
            InvoiceEvent::PaymentFailed => "Payment failed",
            InvoiceEvent::Overdue => "Transfer overdue",
            InvoiceEvent::DunningStarted => "Dunning started",
            InvoiceEvent::RetryRequested => "Retry asked for",
            InvoiceEvent::RetryFailed => "Retry failed",
            InvoiceEvent::RetrySkipped => "Retry skipped",
            InvoiceEvent::RetrySucceeded => "Retry succeeded",
            InvoiceEvent::DunningEnded => "Dunning ended",
            InvoiceEvent::TenantSuspended => "Tenant suspended",
            InvoiceEvent::TenantArchived => "Tenant archived",
        }
    }
}

stored_names!(InvoiceEvent, "invoice event");

#[cfg(test)]
mod tests {
    use super::InvoiceEvent;

    #[test]
    fn every_event_reads_back_and_has_words() {
        for event in InvoiceEvent::ALL {
            assert_eq!(event.as_str().parse::<InvoiceEvent>(), Ok(event));
            assert!(!event.label().contains('_'), "{event}");
            let json = serde_json::to_string(&event).expect("json");
            assert_eq!(json, format!("\"{}\"", event.as_str()));
        }
        assert!("refunded".parse::<InvoiceEvent>().is_err());
    }
}
