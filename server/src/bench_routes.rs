//! Routes only benchmark builds have (`--features bench`, as `bench/` builds): a fixed page
//! without database work, the upper bound the storefront is measured against.
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// Adds the benchmark routes.
pub fn add<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router.route("/bench/baseline/{bytes}", get(baseline))
}

/// A fixed HTML page of exactly `bytes` bytes without database work: the benchmark's upper bound.
async fn baseline(Path(bytes): Path<usize>) -> Response {
    const HEAD: &str = "<!DOCTYPE html><html><head><title>baseline</title></head><body><p>";
    const TAIL: &str = "</p></body></html>";
    if bytes > 1_000_000 || bytes < HEAD.len() + TAIL.len() {
        return (StatusCode::BAD_REQUEST, "size out of range").into_response();
    }
    let mut page = String::with_capacity(bytes);
    page.push_str(HEAD);
    page.extend(std::iter::repeat_n('x', bytes - HEAD.len() - TAIL.len()));
    page.push_str(TAIL);
    Html(page).into_response()
}
