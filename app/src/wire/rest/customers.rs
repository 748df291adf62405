//! A customer as the API shows it.
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A customer: who ordered, with their contact.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Customer {
    pub id: i64,
    pub company: String,
    pub contact_name: String,
    pub email: String,
    /// When the customer first ordered (UTC, RFC 3339).
    pub created_at: String,
}
