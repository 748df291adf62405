//! [`Actor`]: who caused a change of an order, tenant or subscription, for the audit log.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::domain::fraud_rule::FraudRule;
use crate::domain::DomainError;

/// Who caused an event, for the audit log; displayed as `"system"`, `"job:trial_end"`,
/// `"rule:velocity"`, `"operator:ann@example.com"` or `"customer:bob@example.com"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The platform itself (webhooks, the workflow moving on by itself).
    System,
    /// A background job of the platform, by name (provisioner, trial_end, renewal).
    Job(String),
    /// An automatic rule, by name.
    Rule(String),
    /// A platform operator, by email or id (also an operator's API key).
    Operator(String),
    /// The customer, by email or id.
    Customer(String),
}

impl Actor {
    /// The background job called `name`.
    pub fn job(name: &str) -> Actor {
        Actor::Job(name.to_owned())
    }

    /// Human-readable name for the UI, e.g. `"Fraud rule: orders per email"`, `"Job: trial end"`
    /// or `"Operator ann@example.com"`.
    pub fn label(&self) -> String {
        match self {
            Actor::System => "System".to_owned(),
            Actor::Job(name) if name == "provisioner" => "Job: provisioning".to_owned(),
            Actor::Job(name) => format!("Job: {}", words(name)),
            Actor::Rule(name) => match FraudRule::from_name(name) {
                Some(rule) => format!("Fraud rule: {}", rule.label()),
                None if name == "fraud_screening" => "Fraud screening".to_owned(),
                None => format!("Rule: {}", words(name)),
            },
            Actor::Operator(who) => format!("Operator {who}"),
            Actor::Customer(who) => format!("Customer {who}"),
        }
    }

    /// [`Actor::label`] of the form written by `Display`; the text itself when it is no actor.
    pub fn label_of(text: &str) -> String {
        text.parse::<Actor>()
            .map_or_else(|_| text.to_owned(), |actor| actor.label())
    }
}

/// A snake_case name as words: `"trial_end"` gives `"trial end"`.
pub fn words(name: &str) -> String {
    name.replace('_', " ")
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::System => f.write_str("system"),
            Actor::Job(name) => write!(f, "job:{name}"),
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
            Some(("job", name)) if !name.is_empty() => Some(Actor::Job(name.to_owned())),
            Some(("rule", name)) if !name.is_empty() => Some(Actor::Rule(name.to_owned())),
            Some(("operator", who)) if !who.is_empty() => Some(Actor::Operator(who.to_owned())),
            Some(("customer", who)) if !who.is_empty() => Some(Actor::Customer(who.to_owned())),
            _ => None,
        };
        parsed.ok_or_else(|| DomainError::invalid(format!("\"{s}\" is not a known actor")))
    }
}

#[cfg(test)]
#[path = "actor_tests.rs"]
mod tests;
