//! [`Actor`]: who caused an order event, for the audit log.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::domain::DomainError;

/// Who caused an event, for the audit log; displayed as `"system"`, `"rule:velocity"`,
/// `"operator:ann@example.com"` or `"customer:bob@example.com"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The platform itself (jobs, webhooks).
    System,
    /// An automatic rule, by name.
    Rule(String),
    /// A platform operator, by email or id.
    Operator(String),
    /// The customer, by email or id.
    Customer(String),
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::System => f.write_str("system"),
            Actor::Rule(name) => write!(f, "rule:{name}"),
            Actor::Operator(who) => write!(f, "operator:{who}"),
            Actor::Customer(who) => write!(f, "customer:{who}"),
        }
    }
}

impl FromStr for Actor {
    type Err = DomainError;

    /// Parses the form written by `Display`, e.g. `"operator:ann@example.com"`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "system" {
            return Ok(Actor::System);
        }
        let parsed = match s.split_once(':') {
            Some(("rule", name)) if !name.is_empty() => Some(Actor::Rule(name.to_owned())),
            Some(("operator", who)) if !who.is_empty() => Some(Actor::Operator(who.to_owned())),
            Some(("customer", who)) if !who.is_empty() => Some(Actor::Customer(who.to_owned())),
            _ => None,
        };
        parsed.ok_or_else(|| DomainError::invalid(format!("\"{s}\" is not a known actor")))
    }
}
