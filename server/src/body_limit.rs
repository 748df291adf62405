//! One limit on request bodies for every route. A larger body answers 413 before any handler
//! runs, in the shape its caller reads: the REST API's error JSON, a server function's `AppError`,
//! plain text elsewhere. Without it, server functions failed with a 500 and the API with a 422.
use std::pin::Pin;

use app::backend::state::AppState;
use app::error::AppError;
use axum::body::{Body, HttpBody};
use axum::extract::State;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::api::ApiError;
use crate::fn_errors::is_server_fn;

/// The middleware: reads the body, up to the configured limit, before passing the request on.
pub async fn limit_body(State(st): State<AppState>, req: Request<Body>, next: Next) -> Response {
    let limit = st.config.max_body_bytes;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return too_large(req.uri().path(), req.headers(), limit);
    }
    if req.body().is_end_stream() {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    match read_at_most(body, limit).await {
        Ok(Some(bytes)) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Ok(None) => too_large(parts.uri.path(), &parts.headers, limit),
        Err(e) => {
            tracing::debug!(error = %e, "request body not read");
            (
                StatusCode::BAD_REQUEST,
                "The request body could not be read.",
            )
                .into_response()
        }
    }
}

/// The body's bytes, counted as they arrive (a chunked body declares no length); `None` once
/// there are more than `limit`.
async fn read_at_most(mut body: Body, limit: usize) -> Result<Option<Vec<u8>>, axum::Error> {
    let mut bytes = Vec::new();
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        // Trailers, the only other kind of frame, are not used here.
        if let Ok(data) = frame?.into_data() {
            if bytes.len() + data.len() > limit {
                return Ok(None);
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok(Some(bytes))
}

/// The 413 answer for a request to `path`.
fn too_large(path: &str, headers: &HeaderMap, limit: usize) -> Response {
    let error = AppError::PayloadTooLarge(format!(
        "The request is too large: this server accepts at most {} per request.",
        size(limit)
    ));
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    if path == "/api/v1" || path.starts_with("/api/v1/") {
        ApiError(error).into_response()
    } else if is_server_fn(path) && !wants_html {
        (StatusCode::PAYLOAD_TOO_LARGE, Json(error)).into_response()
    } else {
        (StatusCode::PAYLOAD_TOO_LARGE, error.to_string()).into_response()
    }
}

/// A byte count as people read it: `1 MiB`, `64 KiB` or `1000 bytes`.
fn size(bytes: usize) -> String {
    const KIB: usize = 1024;
    const MIB: usize = 1024 * KIB;
    match bytes {
        b if b >= MIB && b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b >= KIB && b % KIB == 0 => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(1024 * 1024), "1 MiB");
        assert_eq!(size(3 * 1024 * 1024), "3 MiB");
        assert_eq!(size(64 * 1024), "64 KiB");
        assert_eq!(size(1000), "1000 bytes");
    }
}
