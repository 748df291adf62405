//! Pure domain types and rules for Tenantry: validated values, money, roles and the lifecycles
//! of orders, tenants and subscriptions.

pub mod actor;
pub mod bank_transfer;
pub mod catalog;
pub mod catalog_code;
pub mod clock;
pub mod countries;
pub mod coupons;
pub mod credit_notes;
pub mod dunning;
pub mod email;
pub mod format;
pub mod fraud;
pub mod fraud_edit;
pub mod fraud_rule;
pub mod health;
pub mod instance_name;
pub mod invoice_event;
pub mod invoice_status;
pub mod login_throttle;
pub mod members;
pub mod money;
pub mod mrr;
mod names;
pub mod order_flow;
pub mod payment;
pub mod plan_status;
pub mod pricing;
pub mod rehearsal;
pub mod role;
pub mod step_status;
pub mod subscription_state;
pub mod tenant_state;
pub mod text;
pub mod tickets;
pub mod two_factor;
pub mod vat_id;

pub use actor::Actor;
pub use catalog_code::CatalogCode;
pub use clock::{Clock, MovableClock, SharedClock, SystemClock};
pub use email::Email;
pub use instance_name::InstanceName;
pub use invoice_event::InvoiceEvent;
pub use invoice_status::InvoiceStatus;
pub use money::{Currency, Money};
pub use plan_status::PlanStatus;
pub use role::Role;
pub use step_status::StepStatus;
pub use subscription_state::{SubscriptionEvent, SubscriptionState};
pub use tenant_state::{transition, TenantEvent, TenantState};
pub use text::{Password, RequiredText};

/// Error returned when a domain value or rule is violated.
///
/// The message is written for end users and can be shown as-is in forms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// The input was invalid; the string is a human-friendly explanation.
    #[error("{0}")]
    Invalid(String),
}

impl DomainError {
    /// Builds a [`DomainError::Invalid`] from a user-facing message.
    pub fn invalid(message: impl Into<String>) -> Self {
        DomainError::Invalid(message.into())
    }

    /// Returns the user-facing message.
    pub fn message(&self) -> &str {
        match self {
            DomainError::Invalid(message) => message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_displays_its_message() {
        let err = DomainError::invalid("Company name is required");
        assert_eq!(err.to_string(), "Company name is required");
        assert_eq!(err.message(), "Company name is required");
        assert_eq!(err, DomainError::Invalid("Company name is required".into()));
    }
}
