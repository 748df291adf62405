//! [`FraudRule`]: the screening rules by name, so the audit log can say which one flagged an order.

use serde::{Deserialize, Serialize};

/// One rule of fraud screening; serialized as `"disposable_domain"`, `"orders_per_email"`, etc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FraudRule {
    /// The email's domain is a listed throw-away mailbox service.
    DisposableDomain,
    /// Too many orders from one email address today.
    OrdersPerEmail,
    /// Too many orders from one IP address today.
    OrdersPerIp,
    /// The billing country differs from the IP address's country.
    CountryMismatch,
}

impl FraudRule {
    /// All rules, in the order screening checks them.
    pub const ALL: [FraudRule; 4] = [
        FraudRule::DisposableDomain,
        FraudRule::OrdersPerEmail,
        FraudRule::OrdersPerIp,
        FraudRule::CountryMismatch,
    ];

    /// Stable identifier used in the audit log (`rule:<name>`).
    pub const fn as_str(self) -> &'static str {
        match self {
            FraudRule::DisposableDomain => "disposable_domain",
            FraudRule::OrdersPerEmail => "orders_per_email",
            FraudRule::OrdersPerIp => "orders_per_ip",
            FraudRule::CountryMismatch => "country_mismatch",
        }
    }

    /// Human-readable name, lowercase to follow "Fraud rule: ", e.g. `"orders per email"`.
    pub const fn label(self) -> &'static str {
        match self {
            FraudRule::DisposableDomain => "disposable email domain",
            FraudRule::OrdersPerEmail => "orders per email",
            FraudRule::OrdersPerIp => "orders per IP address",
            FraudRule::CountryMismatch => "billing and IP country differ",
        }
    }

    /// The rule `as_str` names, if any.
    pub fn from_name(name: &str) -> Option<FraudRule> {
        FraudRule::ALL
            .into_iter()
            .find(|rule| rule.as_str() == name)
    }
}
