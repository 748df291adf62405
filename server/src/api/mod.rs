//! The versioned REST API under `/api/v1`: JSON in and out, operator API keys, stable error codes.
mod catalog;
mod customers;
mod invoices;
mod openapi;
mod orders;
mod page;

use app::backend::api_keys::{self, ApiCaller};
use app::backend::state::AppState;
use app::error::AppError;
use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;

/// The API's routes (mounted at `/api/v1`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi::document))
        .route("/plans", get(catalog::list_plans))
        .route("/orders", post(orders::create).get(orders::list))
        .route("/orders/{id}", get(orders::read))
        .route("/orders/{id}/approve", post(orders::approve))
        .route("/orders/{id}/reject", post(orders::reject))
        .route("/customers", get(customers::list))
        .route("/customers/{id}", get(customers::read))
        .route("/invoices", get(invoices::list))
        .route("/invoices/{id}", get(invoices::read))
        .fallback(|| async { ApiError(AppError::NotFound) })
}

/// An error as the API answers it: `{"error": {"code": "...", "message": "..."}}`.
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError(e.into())
    }
}

/// The stable code of an error, for programs to branch on.
pub fn code(e: &AppError) -> &'static str {
    match e {
        AppError::Invalid(_) => "invalid",
        AppError::NotFound => "not_found",
        AppError::Unauthorized => "unauthorized",
        AppError::Forbidden => "forbidden",
        AppError::Conflict(_) => "conflict",
        AppError::TooManyRequests { .. } => "too_many_requests",
        AppError::PayloadTooLarge(_) => "payload_too_large",
        AppError::Internal | AppError::Transport(_) => "internal",
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let message = match &self.0 {
            AppError::Unauthorized => {
                "a valid API key is required: Authorization: Bearer tnt_...".to_string()
            }
            other => other.to_string(),
        };
        let mut res = (
            status,
            Json(json!({ "error": { "code": code(&self.0), "message": message } })),
        )
            .into_response();
        if let Some(secs) = self.0.retry_after_secs() {
            res.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from(secs));
        }
        res
    }
}

/// Result type of API handlers.
pub type ApiResult<T> = Result<T, ApiError>;

/// The caller of an API request, authenticated by `Authorization: Bearer <key>`.
pub struct ApiAuth(pub ApiCaller);

impl FromRequestParts<AppState> for ApiAuth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, Self::Rejection> {
        let key = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(ApiError(AppError::Unauthorized))?;
        Ok(ApiAuth(api_keys::verify(&st.pool, key.trim()).await?))
    }
}
