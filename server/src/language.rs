//! The language of each request, decided once before anything renders: the visitor's choice (the
//! switcher's cookie), else their browser's `Accept-Language`, else the default language of the
//! storefront the page belongs to (`/s/<code>/…`, or the default storefront), else English. Put in
//! the request's extensions, where the pages (through `context::request_locale`), the storefront
//! cache's key and the invoice PDF read it.
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, Request};
use axum::middleware::Next;
use axum::response::Response;

use app::backend::host::{classify, HostKind};
use app::backend::state::AppState;
use app::i18n::{asked_for, Locale};

/// The storefront a path belongs to: `/s/<code>/…` names it; anything else is the default one.
fn storefront_of(path: &str) -> &str {
    path.strip_prefix("/s/")
        .map(|rest| rest.split('/').next().unwrap_or(""))
        .unwrap_or("")
}

/// What the request asks for, and which storefront it belongs to if that decides (read before
/// any await: the request's body cannot be held across one).
fn asked(st: &AppState, req: &Request<Body>) -> Result<Locale, Option<String>> {
    let headers = req.headers();
    let asked = asked_for(
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|c| c.to_str().ok()),
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|h| h.to_str().ok())
            .unwrap_or(""),
    );
    if let Some(locale) = asked {
        return Ok(locale);
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if classify(host, &st.config.base_domain) != HostKind::Platform {
        return Err(None);
    }
    Err(Some(storefront_of(req.uri().path()).to_string()))
}

/// The middleware: decides the request's language and keeps it in its extensions.
pub async fn decide_language(
    State(st): State<AppState>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let locale = match asked(&st, &req) {
        Ok(locale) => locale,
        Err(Some(storefront)) => st.storefront_cache.language(&st.pool, &storefront).await,
        Err(None) => Locale::default(),
    };
    req.extensions_mut().insert(locale);
    let mut res = next.run(req).await;
    // A page is in the language its request asked for: caches must keep one per language.
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html {
        res.headers_mut().append(
            header::VARY,
            header::HeaderValue::from_static("Accept-Language, Cookie"),
        );
    }
    res
}

#[cfg(test)]
mod tests {
    use super::storefront_of;

    #[test]
    fn paths_name_their_storefront() {
        assert_eq!(storefront_of("/s/us/order/x"), "us");
        assert_eq!(storefront_of("/s/us"), "us");
        assert_eq!(storefront_of("/"), "");
        assert_eq!(storefront_of("/order/x"), "");
    }
}
