//! A published plan as the API shows it.
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::pricing::PricedPlan;

/// A plan on sale, with every price.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Plan {
    /// Stable: used in URLs and in `POST /orders`.
    pub code: String,
    pub name: String,
    /// The product the plan sells.
    pub product: String,
    pub description: String,
    /// ISO 4217.
    pub currency: String,
    /// Free trial length in days (0: none).
    pub trial_days: i64,
    pub included_users: i64,
    /// The modules installed.
    pub modules: Vec<String>,
    /// Periods (setup, recurring and renewal fees in minor units), add-ons and resource rates.
    #[schema(value_type = Object)]
    pub prices: PricedPlan,
}
