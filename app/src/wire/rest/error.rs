//! The one error shape every REST answer that is not a success has.
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `{"error": {"code": "...", "message": "..."}}`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// An error's stable code and a message for people.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable: programs branch on it.
    pub code: ErrorCode,
    /// Says what to fix; may change between versions.
    pub message: String,
    /// The request field the error is about (`instance_name`, `card_number`...), when one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// The stable error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input is not acceptable (422).
    Invalid,
    /// No such resource (404).
    NotFound,
    /// Missing or invalid API key (401).
    Unauthorized,
    /// The key may not do this (403).
    Forbidden,
    /// Conflicts with existing data (409).
    Conflict,
    /// Too many requests; retry after the `Retry-After` header's seconds (429).
    TooManyRequests,
    /// The body is larger than the server accepts (413).
    PayloadTooLarge,
    /// The method is not one this path answers (405).
    MethodNotAllowed,
    /// Something failed on the server (500).
    Internal,
}
