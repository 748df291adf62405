//! Storefronts as the operator edits them, with the plans each sells.
use serde::{Deserialize, Serialize};

use super::storefront_billing::StorefrontBillingForm;

/// A storefront as typed by the operator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorefrontForm {
    /// Code used in URLs (set once, at creation).
    #[serde(default)]
    pub code: String,
    /// Display name.
    pub name: String,
    /// Logo address, http(s) or empty.
    #[serde(default)]
    pub logo_url: String,
    /// Accent colour, `#rrggbb`.
    pub primary_color: String,
    /// Support address its tenants see (empty: the platform's).
    #[serde(default)]
    pub support_email: String,
    /// Three-letter currency.
    pub currency: String,
    /// Invoice number prefix.
    pub invoice_prefix: String,
    /// Default language (`en`, `de`) for visitors who ask for none the site has.
    #[serde(default)]
    pub language: String,
    /// A checked checkbox ("on") makes it the default storefront.
    #[serde(default)]
    pub is_default: Option<String>,
}

impl StorefrontForm {
    /// Whether the default checkbox was ticked.
    pub fn wants_default(&self) -> bool {
        matches!(self.is_default.as_deref(), Some("on" | "true" | "1"))
    }
}

/// A plan a storefront could publish, and whether it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorefrontPlanChoice {
    /// Plan id.
    pub plan_id: i64,
    /// Plan code.
    pub code: String,
    /// Plan name.
    pub name: String,
    /// Whether the storefront publishes it.
    pub published: bool,
}

/// A storefront as the operator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminStorefrontView {
    /// Id.
    pub id: i64,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Logo address.
    pub logo_url: String,
    /// Accent colour.
    pub primary_color: String,
    /// Support address its tenants see.
    pub support_email: String,
    /// Currency.
    pub currency: String,
    /// Invoice prefix.
    pub invoice_prefix: String,
    /// Whether it is served at `/`.
    pub is_default: bool,
    /// Default language tag.
    pub language: String,
    /// Orders placed through it.
    pub orders: i64,
    /// Current plans in its currency.
    pub plans: Vec<StorefrontPlanChoice>,
    /// Seller, bank account and test mode.
    pub billing: StorefrontBillingForm,
    /// What happens when a renewal is not paid.
    pub dunning: crate::wire::dunning::DunningForm,
}
