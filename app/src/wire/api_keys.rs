//! API keys as the operator's key page lists them.
use serde::{Deserialize, Serialize};

/// A key as listed (its secret is never shown again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeyView {
    /// Key id.
    pub id: i64,
    /// What the operator called it.
    pub name: String,
    /// The key's public beginning, to recognise it.
    pub prefix: String,
    /// The operator who made it.
    pub created_by: String,
    /// When (UTC, minutes).
    pub created_at: String,
    /// Whether it was revoked.
    pub revoked: bool,
}
