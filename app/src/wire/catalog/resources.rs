//! Resources as the operator edits them.
use serde::{Deserialize, Serialize};

/// A resource as the operator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceView {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Unit ("GB", "user").
    pub unit: String,
    /// Whether it may be added to templates.
    pub published: bool,
    /// Plan rates and templates that use it.
    pub used_by: i64,
}
