//! White label: a page of an instance's host wears its storefront's brand. The brand is looked
//! up once before anything renders and kept in the request's extensions, where the HTML shell
//! reads its accent colour (the pages read the rest through `api::brand::brand`).
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, Request};
use axum::middleware::Next;
use axum::response::Response;

use app::backend::host::{classify, HostKind};
use app::backend::state::AppState;

/// The middleware: on an instance's host, puts its brand (if any) in the request's extensions.
pub async fn attach_brand(
    State(st): State<AppState>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let kind = classify(host, &st.config.base_domain);
    // Static files and the API need no brand.
    let page = !req.uri().path().starts_with("/pkg/") && !req.uri().path().starts_with("/api/v1");
    if page && matches!(kind, HostKind::Instance(_)) {
        match app::backend::brand::of_host(&st, &kind).await {
            Ok(Some(brand)) => {
                req.extensions_mut().insert(brand);
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "the instance's brand could not be read"),
        }
    }
    next.run(req).await
}
