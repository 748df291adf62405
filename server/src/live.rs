//! `GET /operator/live`: Server-Sent Events for the operator's open dashboards. Each change any
//! server records (an order, a payment, a tenant's state or health) arrives as an event within a
//! poll of the database (see `app::backend::live`); the page then reads itself again. Only the
//! operator, on the platform's host, may listen.
use std::convert::Infallible;
use std::time::Duration;

use app::backend::auth::require_operator;
use app::backend::host::{classify, HostKind};
use app::backend::state::AppState;
use app::error::AppError;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use tokio::sync::broadcast::error::RecvError;
use tower_sessions::Session;

/// The stream, for the operator; 401 without a login, 403 for anyone else, 404 on an instance's
/// host.
pub async fn live(State(st): State<AppState>, session: Session, headers: HeaderMap) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if classify(host, &st.config.base_domain) != HostKind::Platform {
        return StatusCode::NOT_FOUND.into_response();
    }
    match require_operator(&st, &session).await {
        Ok(_) => {}
        Err(AppError::Unauthorized) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(AppError::Forbidden | AppError::SecondFactorRequired) => {
            return StatusCode::FORBIDDEN.into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "live stream refused");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    let receiver = st.live.subscribe();
    let first = Event::default()
        .event("hello")
        .data(st.live.version().to_string());
    let changes = stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(change) => {
                    let event = Event::default()
                        .event("change")
                        .id(change.version.to_string())
                        .data(change.latest);
                    return Some((Ok::<_, Infallible>(event), receiver));
                }
                // Fell behind: the next change still comes, and the page reads everything anew.
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return None,
            }
        }
    });
    let events = futures_util::StreamExt::chain(stream::iter([Ok(first)]), changes);
    let mut response = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}
