//! Add-ons as the operator edits them.
use serde::{Deserialize, Serialize};

/// An add-on as typed by the operator (code and currency are set once, at creation).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddonForm {
    /// Code.
    #[serde(default)]
    pub code: String,
    /// Name.
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Currency.
    #[serde(default)]
    pub currency: String,
    /// One-off fee ("0.00").
    pub setup: String,
    /// Monthly price per unit.
    pub recurring: String,
}

/// An add-on as the operator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminAddonView {
    /// Id.
    pub id: i64,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Currency.
    pub currency: String,
    /// Setup fee.
    pub setup: String,
    /// Monthly price per unit.
    pub recurring: String,
    /// Codes of the plan versions selling it.
    pub plans: Vec<String>,
    /// Whether customers already pay its price (its prices are then fixed).
    pub in_use: bool,
}
