//! Payment methods: what the customer enters while setting one up, and what the
//! platform stores afterwards (a gateway token, never card digits).

use serde::{Deserialize, Serialize};

use super::{CardExpiry, CardNumber, Cvc};

/// What the customer entered to pay; exists only while a payment method is
/// being set up and is never stored (hence no serde support).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentMethodInput {
    /// A payment card.
    Card {
        /// The card number.
        number: CardNumber,
        /// The expiry month.
        expiry: CardExpiry,
        /// The security code.
        cvc: Cvc,
    },
    /// Payment by bank transfer against an invoice reference.
    BankTransfer,
    /// Payment in cash when the order is delivered.
    CashOnDelivery,
}

/// A payment method as the platform stores it: a gateway token plus display
/// details. Never contains a card number or security code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StoredPaymentMethod {
    /// Name of the gateway that issued the token ([`PaymentGateway::name`](super::PaymentGateway::name)).
    pub gateway: String,
    /// Opaque gateway token used to charge the method.
    pub token: String,
    /// Display name, e.g. `"Visa"` or `"Bank transfer"`.
    pub brand: String,
    /// Last four card digits; empty for non-card methods.
    pub last4: String,
    /// Card expiry month (1–12); 0 for non-card methods.
    pub exp_month: u32,
    /// Card expiry year (four digits); 0 for non-card methods.
    pub exp_year: u32,
}

impl StoredPaymentMethod {
    /// Returns `true` if this is a card.
    pub fn is_card(&self) -> bool {
        !self.last4.is_empty()
    }

    /// Customer-facing label, e.g. `"Visa ending in 4242 (expires 03/2027)"` or `"Bank transfer"`.
    pub fn label(&self) -> String {
        if self.is_card() {
            format!(
                "{} ending in {} (expires {:02}/{})",
                self.brand, self.last4, self.exp_month, self.exp_year
            )
        } else {
            self.brand.clone()
        }
    }
}
