//! Tax rates as the operator edits them.
use serde::{Deserialize, Serialize};

/// A country's tax rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxRateView {
    /// ISO 3166 alpha-2 code.
    pub country: String,
    /// Percentage with two decimals ("19.60").
    pub percent: String,
}
