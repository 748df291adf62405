//! Server functions answer 500 when their arguments cannot be read; that is the caller's mistake,
//! so such an answer (an `AppError::Invalid`) is turned into 422 like every other invalid input.
use app::error::AppError;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// Whether a path is a server function's (under `/api/`, but not the REST API's `/api/v1/`).
pub fn is_server_fn(path: &str) -> bool {
    path.starts_with("/api/") && !path.starts_with("/api/v1/")
}

/// The middleware.
pub async fn argument_errors_are_422(req: Request<Body>, next: Next) -> Response {
    let server_fn = is_server_fn(req.uri().path());
    let res = next.run(req).await;
    if !server_fn || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    if matches!(
        serde_json::from_slice::<AppError>(&bytes),
        Ok(AppError::Invalid(_))
    ) {
        parts.status = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Response::from_parts(parts, Body::from(bytes))
}
