//! A storefront's billing details as the operator edits them: the seller printed on invoices,
//! the bank account for transfers, and test mode.
use serde::{Deserialize, Serialize};

/// The billing details as typed by the operator (and as shown back in the form).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorefrontBillingForm {
    /// Legal name of the seller.
    #[serde(default)]
    pub legal_name: String,
    /// Postal address, one line per line.
    #[serde(default)]
    pub address: String,
    /// The seller's country (ISO 3166-1 alpha-2); also the checkout's default billing country.
    #[serde(default)]
    pub country: String,
    /// The seller's VAT ID.
    #[serde(default)]
    pub vat_id: String,
    /// Company registration (court and number).
    #[serde(default)]
    pub registration_number: String,
    /// Bank account holder.
    #[serde(default)]
    pub account_holder: String,
    /// IBAN (any spacing; stored without).
    #[serde(default)]
    pub iban: String,
    /// BIC.
    #[serde(default)]
    pub bic: String,
    /// Bank name.
    #[serde(default)]
    pub bank_name: String,
    /// Payment reference with `{invoice}` and/or `{order}`.
    #[serde(default)]
    pub reference_format: String,
    /// A checked checkbox ("on") puts the storefront in test mode.
    #[serde(default)]
    pub test_mode: Option<String>,
}

impl StorefrontBillingForm {
    /// Whether the test-mode checkbox was ticked.
    pub fn wants_test_mode(&self) -> bool {
        matches!(self.test_mode.as_deref(), Some("on" | "true" | "1"))
    }
}
