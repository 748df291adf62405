//! The reporting currency and the exchange rates into it.
use serde::{Deserialize, Serialize};

/// One rate, as the operator entered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateView {
    /// The currency converted.
    pub currency: String,
    /// From which day (YYYY-MM-DD) it holds.
    pub valid_from: String,
    /// Units of the reporting currency for one unit, as people write it ("1.0845").
    pub rate: String,
    /// Who entered it.
    pub created_by: String,
}

/// The exchange-rates page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeRatesView {
    /// The reporting currency, if one is set.
    pub reporting: Option<String>,
    /// Currencies the platform sells in (the plans'), for the forms.
    pub currencies: Vec<String>,
    /// The rates into the reporting currency, newest first.
    pub rates: Vec<RateView>,
}
