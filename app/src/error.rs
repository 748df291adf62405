//! The one error type of the application and its user-facing messages.
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Convenience alias used across the crate.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// Every error a user or caller can see. Internal details are logged, never shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Input failed validation; the message says what to fix.
    #[error("{0}")]
    Invalid(String),
    /// The thing does not exist, or the caller may not know it exists.
    #[error("not found")]
    NotFound,
    /// The caller must log in first.
    #[error("please log in")]
    Unauthorized,
    /// The caller is logged in but lacks the role for this.
    #[error("you do not have access to this page")]
    Forbidden,
    /// The request clashes with existing data (a taken name, a duplicate).
    #[error("{0}")]
    Conflict(String),
    /// Too many attempts; the message says when to try again, in words.
    #[error("{message}")]
    TooManyRequests {
        /// What the caller is told.
        message: String,
        /// Seconds to wait, sent as `Retry-After`.
        retry_after_secs: u64,
    },
    /// The request body is larger than the server accepts; the message gives the limit.
    #[error("{0}")]
    PayloadTooLarge(String),
    /// The operator must set up two-factor sign-in before anything else (the platform's setting).
    #[error("operators must use two-factor sign-in: set it up on your account page first")]
    SecondFactorRequired,
    /// Something failed on our side; details are in the server log.
    #[error("something went wrong on our side; please try again")]
    Internal,
    /// The request did not reach the server or could not be decoded.
    #[error("the request failed: {0}")]
    Transport(String),
    /// An error about one field of a form (`field` is its name without `form[...]`), so a page
    /// can show it next to that field; status and message are the inner error's.
    #[error("{error}")]
    InField {
        /// The field's name, e.g. `instance_name`.
        field: String,
        /// What is wrong with it.
        error: Box<AppError>,
    },
}

impl AppError {
    /// The HTTP status this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) => 422,
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden | AppError::SecondFactorRequired => 403,
            AppError::Conflict(_) => 409,
            AppError::TooManyRequests { .. } => 429,
            AppError::PayloadTooLarge(_) => 413,
            AppError::Internal | AppError::Transport(_) => 500,
            AppError::InField { error, .. } => error.status(),
        }
    }

    /// The same error, said of form field `field`.
    pub fn in_field(self, field: &str) -> Self {
        match self {
            AppError::InField { .. } => self,
            error => AppError::InField {
                field: field.to_string(),
                error: Box::new(error),
            },
        }
    }

    /// The form field the error is about, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::InField { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The error without its field.
    pub fn without_field(&self) -> &AppError {
        match self {
            AppError::InField { error, .. } => error,
            other => other,
        }
    }

    /// Seconds after which the request may be tried again, for a `Retry-After` header.
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            AppError::TooManyRequests {
                retry_after_secs, ..
            } => Some(*retry_after_secs),
            AppError::InField { error, .. } => error.retry_after_secs(),
            _ => None,
        }
    }
}

impl From<crate::domain::DomainError> for AppError {
    fn from(e: crate::domain::DomainError) -> Self {
        AppError::Invalid(e.to_string())
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m) | ServerFnErrorErr::MissingArg(m) => {
                AppError::Invalid(format!("the form is incomplete: {m}"))
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;

    impl From<sqlx::Error> for AppError {
        fn from(e: sqlx::Error) -> Self {
            tracing::error!(error = %e, "database error");
            AppError::Internal
        }
    }

    impl From<tower_sessions::session::Error> for AppError {
        fn from(e: tower_sessions::session::Error) -> Self {
            tracing::error!(error = %e, "session error");
            AppError::Internal
        }
    }
}
