//! Refuses state-changing requests that another site made the browser send.
//! Browsers always send `Origin` on cross-site POSTs; it must name the host being posted to.
//! `Origin: null` (a sandboxed frame, a `data:` page, some redirects) is refused: such a page may
//! be anyone's, and a Referer it carries proves nothing.
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

fn authority(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest))
}

/// Whether an unsafe request carries an Origin (or, only when it sends none, a Referer) of its own
/// Host.
pub fn same_origin(
    method: &Method,
    host: Option<&str>,
    origin: Option<&str>,
    referer: Option<&str>,
) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let Some(host) = host else { return false };
    let source = match (origin, referer) {
        (Some(o), _) => authority(o),
        (_, Some(r)) => authority(r),
        _ => None,
    };
    source.is_some_and(|s| s.eq_ignore_ascii_case(host))
}

/// The middleware: 403 for a cross-site or unattributed state-changing request.
pub async fn reject_cross_site(req: Request<Body>, next: Next) -> Response {
    // The REST API authenticates with a key in a header, never with cookies: nothing to forge.
    if req.uri().path().starts_with("/api/v1/") {
        return next.run(req).await;
    }
    let h = req.headers();
    let get = |name| {
        h.get(name)
            .and_then(|v: &header::HeaderValue| v.to_str().ok())
    };
    if same_origin(
        req.method(),
        get(header::HOST),
        get(header::ORIGIN),
        get(header::REFERER),
    ) {
        next.run(req).await
    } else {
        (
            StatusCode::FORBIDDEN,
            "Cross-site request refused: this form must be sent from Tenantry's own pages.",
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_methods_pass() {
        assert!(same_origin(&Method::GET, None, None, None));
    }

    #[test]
    fn posts_need_a_matching_origin_or_referer() {
        let host = Some("acme.localhost:3000");
        assert!(same_origin(
            &Method::POST,
            host,
            Some("http://acme.localhost:3000"),
            None
        ));
        assert!(same_origin(
            &Method::POST,
            host,
            None,
            Some("http://acme.localhost:3000/login?x=1")
        ));
        assert!(!same_origin(
            &Method::POST,
            host,
            Some("http://evil.example"),
            None
        ));
        assert!(!same_origin(
            &Method::POST,
            host,
            Some("http://other.localhost:3000"),
            None
        ));
        assert!(!same_origin(&Method::POST, host, None, None));
        assert!(!same_origin(&Method::POST, host, Some("null"), None));
        assert!(
            !same_origin(
                &Method::POST,
                host,
                Some("null"),
                Some("http://acme.localhost:3000/login")
            ),
            "an opaque origin is not rescued by its Referer"
        );
        assert!(!same_origin(
            &Method::POST,
            None,
            Some("http://acme.localhost:3000"),
            None
        ));
    }
}
