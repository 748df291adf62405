//! Serves the storefront's rendered page from the cache to visitors without a session (see
//! `app::backend::storefront_cache`): the page is the same for all of them but for the
//! Content-Security-Policy nonce, which each answer gets anew.
use app::backend::host::{classify, HostKind};
use app::backend::state::AppState;
use app::backend::storefront_cache::Page;
use app::domain::catalog::parse_code;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::nonce::Nonce;

use crate::router::SESSION_COOKIE;

/// The largest page kept (the storefront is a few KB).
const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// Which storefront's page, in which language, a request asks for (`"|en"` for the default one
/// at `/` in English), if its answer may
/// come from the cache: a plain `GET` of `/` or `/s/<code>` (the code exactly as storefront codes
/// are written, so each storefront has one key), on the platform's host, without a session.
pub fn cache_key(req: &Request<Body>, base_domain: &str) -> Option<String> {
    if req.method() != Method::GET || req.uri().query().is_some() {
        return None;
    }
    let path = req.uri().path();
    let code = if path == "/" {
        ""
    } else {
        let code = path.strip_prefix("/s/")?;
        (parse_code(code).ok()? == code).then_some(code)?
    };
    let headers = req.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if classify(host, base_domain) != HostKind::Platform {
        return None;
    }
    let has_session = headers
        .get_all(header::COOKIE)
        .iter()
        .any(|c| c.to_str().map_or(true, |c| c.contains(SESSION_COOKIE)));
    // The page is in the request's language (decided by the language middleware, outside this
    // one): one entry per storefront and language.
    let locale = req
        .extensions()
        .get::<app::i18n::Locale>()
        .copied()
        .unwrap_or_default();
    (!has_session).then(|| format!("{code}|{}", locale.tag()))
}

/// The middleware: a cached page when there is one; otherwise the page is rendered and, if it
/// is a plain 200 that sets no cookie, kept for the next visitor.
pub async fn serve_cached_storefront(
    State(st): State<AppState>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let Some(code) = cache_key(&req, &st.config.base_domain) else {
        return next.run(req).await;
    };
    let Some(nonce) = req.extensions().get::<Nonce>().cloned() else {
        return next.run(req).await;
    };
    let cache = &st.storefront_cache;
    if let Some(page) = cache.page(&code) {
        let mut res = Body::from(page.html(&nonce)).into_response();
        *res.headers_mut() = page.headers().clone();
        return res;
    }
    let Ok(generation) = cache.generation_for_load(&st.pool).await else {
        return next.run(req).await;
    };
    let res = next.run(req).await;
    if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e, "storefront page not read");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if let Ok(html) = std::str::from_utf8(&bytes) {
        let mut headers = parts.headers.clone();
        headers.remove(header::CONTENT_LENGTH);
        headers.remove(header::TRANSFER_ENCODING);
        if let Some(page) = Page::new(headers, html, &nonce) {
            cache.put_page(&code, generation, page);
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
