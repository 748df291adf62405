//! [`OrderKind`]: what an order does.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::domain::DomainError;

/// What an order does; serialized as `"new_sale"`, `"add_on"`, etc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderKind {
    /// A new subscription.
    NewSale,
    /// A move to a more expensive plan or configuration.
    Upgrade,
    /// A move to a cheaper plan or configuration.
    Downgrade,
    /// Another period of an existing subscription.
    Renewal,
    /// Add-ons or extra resources for an existing subscription.
    AddOn,
    /// The end of a subscription.
    Cancellation,
}

impl OrderKind {
    /// All kinds.
    pub const ALL: [OrderKind; 6] = [
        OrderKind::NewSale,
        OrderKind::Upgrade,
        OrderKind::Downgrade,
        OrderKind::Renewal,
        OrderKind::AddOn,
        OrderKind::Cancellation,
    ];

    /// Stable identifier used in storage and URLs.
    pub const fn as_str(self) -> &'static str {
        match self {
            OrderKind::NewSale => "new_sale",
            OrderKind::Upgrade => "upgrade",
            OrderKind::Downgrade => "downgrade",
            OrderKind::Renewal => "renewal",
            OrderKind::AddOn => "add_on",
            OrderKind::Cancellation => "cancellation",
        }
    }

    /// Human-readable name for the UI.
    pub const fn label(self) -> &'static str {
        match self {
            OrderKind::NewSale => "New subscription",
            OrderKind::Upgrade => "Upgrade",
            OrderKind::Downgrade => "Downgrade",
            OrderKind::Renewal => "Renewal",
            OrderKind::AddOn => "Add-on",
            OrderKind::Cancellation => "Cancellation",
        }
    }
}

impl fmt::Display for OrderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OrderKind {
    type Err = DomainError;

    /// Parses the identifier returned by [`OrderKind::as_str`] (exact match).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrderKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| DomainError::invalid(format!("\"{s}\" is not a known order kind")))
    }
}
