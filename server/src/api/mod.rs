//! The versioned REST API under `/api/v1`: JSON in and out, operator API keys, stable error codes.
mod catalog;
mod customers;
mod invoices;
mod openapi;
mod orders;
mod page;

use std::sync::Arc;

use app::backend::api_keys::{self, ApiCaller};
use app::backend::state::AppState;
use app::error::AppError;
use app::wire::rest::{ErrorBody, ErrorCode, ErrorDetail};
use axum::extract::{FromRequestParts, Path};
use axum::http::{header, request::Parts, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The API's routes with the OpenAPI document that describes exactly them.
pub fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .routes(routes!(catalog::list_plans))
        .routes(routes!(orders::list, orders::create))
        .routes(routes!(orders::one))
        .routes(routes!(orders::approve))
        .routes(routes!(orders::reject))
        .routes(routes!(customers::list))
        .routes(routes!(customers::read))
        .routes(routes!(invoices::list))
        .routes(routes!(invoices::one))
        .split_for_parts()
}

/// The API's routes (mounted at `/api/v1`), with `GET /openapi.json`.
pub fn router() -> Router<AppState> {
    let (routes, doc) = routes();
    let doc = Arc::new(doc);
    routes
        .route(
            "/openapi.json",
            get(move || async move { Json(doc.as_ref().clone()) }),
        )
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(|| async { ApiError(AppError::NotFound) })
}

/// A known path asked with a method it does not answer: the JSON error, keeping `Allow`.
async fn method_not_allowed() -> Response {
    let body = ErrorBody {
        error: ErrorDetail {
            code: ErrorCode::MethodNotAllowed,
            message: "this path does not answer that method; see /api/v1/openapi.json".into(),
            field: None,
        },
    };
    (StatusCode::METHOD_NOT_ALLOWED, Json(body)).into_response()
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
pub fn code(e: &AppError) -> ErrorCode {
    match e {
        AppError::Invalid(_) => ErrorCode::Invalid,
        AppError::NotFound => ErrorCode::NotFound,
        AppError::Unauthorized => ErrorCode::Unauthorized,
        AppError::Forbidden | AppError::SecondFactorRequired => ErrorCode::Forbidden,
        AppError::Conflict(_) => ErrorCode::Conflict,
        AppError::TooManyRequests { .. } => ErrorCode::TooManyRequests,
        AppError::PayloadTooLarge(_) => ErrorCode::PayloadTooLarge,
        AppError::Internal | AppError::Transport(_) => ErrorCode::Internal,
        AppError::InField { error, .. } => code(error),
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
        let body = ErrorBody {
            error: ErrorDetail {
                code: code(&self.0),
                message,
                field: self.0.field().map(str::to_string),
            },
        };
        let mut res = (status, Json(body)).into_response();
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

/// The id in a path such as `/orders/{id}`. An id that is not a positive whole number cannot
/// name anything: it answers the JSON `not_found` error, not axum's plain-text rejection.
pub struct Id(pub i64);

impl FromRequestParts<AppState> for Id {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, st)
            .await
            .map_err(|_| ApiError(AppError::NotFound))?;
        raw.parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(Id)
            .ok_or(ApiError(AppError::NotFound))
    }
}
