//! What the order pages and their server functions exchange: the order form, the plan offered, the name check.
pub mod detail;
pub mod queue;
pub mod status;

use crate::domain::pricing::PricedPlan;
use crate::wire::catalog::PlanView;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The order form as submitted. Fields a trial does not use may be left out.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderForm {
    /// Plan code.
    pub plan: String,
    /// Storefront code (empty: the default storefront).
    #[serde(default)]
    pub storefront: String,
    /// Company name.
    pub company: String,
    /// Contact person.
    pub contact_name: String,
    /// Contact email; becomes the instance admin's login.
    pub email: String,
    /// The admin's password.
    pub password: String,
    /// The chosen instance name.
    pub instance_name: String,
    /// A random key per form view, so a double submission places one order.
    pub idempotency_key: String,
    /// Billing period in months (paid plans).
    #[serde(default)]
    pub period_months: String,
    /// Users beyond those included (paid plans).
    #[serde(default)]
    pub extra_users: String,
    /// Add-on code to quantity (a ticked box sends "1").
    #[serde(default)]
    pub addons: BTreeMap<String, String>,
    /// Two-letter billing country (paid plans).
    #[serde(default)]
    pub billing_country: String,
    /// Street, postal code and city, as printed on invoices (paid plans).
    #[serde(default)]
    pub billing_address: String,
    /// The business's EU VAT ID (optional; a valid one from another member state than the
    /// seller's means reverse charge: no VAT billed).
    #[serde(default)]
    pub vat_id: String,
    /// `card` or `bank_transfer` (paid plans).
    #[serde(default)]
    pub payment_method: String,
    /// Card number (never stored).
    #[serde(default)]
    pub card_number: String,
    /// Card expiry month.
    #[serde(default)]
    pub card_exp_month: String,
    /// Card expiry year.
    #[serde(default)]
    pub card_exp_year: String,
    /// Card security code (never stored).
    #[serde(default)]
    pub card_cvc: String,
    /// The total (minor units) the customer saw before ordering; empty skips the check.
    #[serde(default)]
    pub expected_total: String,
    /// `trial` or `paid` where the plan offers both (empty: the plan's only option, or paid).
    #[serde(default)]
    pub offer: String,
    /// A coupon code (empty: none); paid orders only.
    #[serde(default)]
    pub coupon: String,
}

impl std::fmt::Debug for OrderForm {
    // Secrets stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OrderForm")
            .field("plan", &self.plan)
            .field("email", &self.email)
            .field("instance_name", &self.instance_name)
            .field("period_months", &self.period_months)
            .field("payment_method", &self.payment_method)
            .field("coupon", &self.coupon)
            .finish_non_exhaustive()
    }
}

/// What the order page needs to configure and price a plan in the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanOffer {
    /// The plan as listed.
    pub plan: PlanView,
    /// Its prices, for the same quote computation the server bills with.
    pub priced: PricedPlan,
    /// Countries sold to, by name, with their tax rates.
    pub countries: Vec<CountryOption>,
    /// The billing country the form starts with (the visitor's region, else the storefront's).
    pub default_country: String,
    /// Whether the storefront is in test mode (test cards listed, a banner shown).
    pub test_mode: bool,
    /// Whether the storefront takes bank transfers (it has a bank account).
    pub bank_transfer: bool,
    /// Today, by the server's clock, to say when the first renewal falls.
    pub today: chrono::NaiveDate,
    /// The storefront selling it (code, empty for the default one).
    pub storefront: String,
    /// Its name.
    pub storefront_name: String,
    /// The seller's country (ISO code, empty when not set): with the customer's VAT ID it decides
    /// reverse charge, the same way the server does.
    #[serde(default)]
    pub seller_country: String,
    /// Its accent colour.
    pub primary_color: String,
    /// What follows an instance's name in its address (`.example.com`, with a port if any).
    pub instance_suffix: String,
}

/// A country the storefront sells to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryOption {
    /// ISO 3166-1 alpha-2 code, the form's value.
    pub code: String,
    /// Its name, for people.
    pub name: String,
    /// Its tax rate in basis points (2000 = 20 %).
    pub tax_basis_points: u32,
}

/// The answer of the instance-name check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameCheck {
    /// The name as it would be stored.
    pub name: String,
    /// Whether it can be ordered.
    pub available: bool,
    /// What to tell the customer.
    pub message: String,
    /// The instance's address.
    pub url: String,
}
