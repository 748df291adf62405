//! The fraud screening rules as the operator edits them.
use serde::{Deserialize, Serialize};

/// The rules as the form shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FraudRulesView {
    /// Most orders per email address per day (0: no limit).
    pub per_email: u32,
    /// Most orders per IP address per day (0: no limit).
    pub per_ip: u32,
    /// Disposable email domains, one per line.
    pub domains: String,
    /// Whether a billing country unlike the address's country flags the order.
    pub check_country: bool,
    /// The proxy header the address's country comes from, when one is configured and trusted
    /// proxies are set.
    pub country_header: Option<String>,
}
