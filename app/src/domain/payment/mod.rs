//! Payment gateway abstraction: validated card input, stored payment methods
//! (never card numbers), charge outcomes, and two deterministic gateways — a
//! test card gateway and a manual gateway for bank transfer / cash on delivery.
//!
//! Nothing here talks to the network or the database; the platform records
//! charges, refunds and confirmations of offline payments elsewhere.

mod card;
mod charge;
mod manual;
mod method;
mod reference;
mod status;
mod test_card;

pub use card::{CardBrand, CardExpiry, CardNumber, Cvc};
pub use charge::{ChargeOutcome, ChargeRequest, DeclineCode};
pub use manual::ManualGateway;
pub use method::{PaymentMethodInput, StoredPaymentMethod};
pub use status::PaymentStatus;
pub use test_card::{TestCardGateway, TEST_CARDS};

use super::{DomainError, Money};

/// Human-readable name of a stored gateway name ([`PaymentGateway::name`]), e.g. `"Test card"`.
pub fn gateway_label(name: &str) -> String {
    match name {
        TestCardGateway::NAME => "Test card".to_owned(),
        ManualGateway::NAME => "Bank transfer".to_owned(),
        other => {
            let words = other.replace('_', " ");
            let mut chars = words.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        }
    }
}

/// A payment provider. Implementations are synchronous and deterministic.
pub trait PaymentGateway: Send + Sync {
    /// Stable gateway name, stored in [`StoredPaymentMethod::gateway`].
    fn name(&self) -> &'static str;

    /// Turns customer input into a storable payment method.
    fn tokenize(&self, input: &PaymentMethodInput) -> Result<StoredPaymentMethod, DomainError>;

    /// Charges a stored method; declines are outcomes, not errors.
    fn charge(&self, req: &ChargeRequest, method: &StoredPaymentMethod) -> ChargeOutcome;

    /// Refunds (part of) a charge and returns the refund reference.
    fn refund(&self, reference: &str, amount: Money) -> Result<String, DomainError>;

    /// Cancels a charge that has not been settled.
    fn void(&self, reference: &str) -> Result<(), DomainError>;
}

#[cfg(test)]
mod tests;
