//! Security headers on every response, and a Content-Security-Policy whose script nonce is new for
//! each request and handed to Leptos, so every script the server renders carries it.
use app::backend::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, request::Parts, HeaderValue, Request};
use axum::middleware::Next;
use axum::response::Response;
use leptos::nonce::Nonce;
use leptos::prelude::{provide_context, use_context};

/// What the headers depend on, decided once when the router is built.
#[derive(Clone, Copy, Debug)]
pub struct HeaderPolicy {
    /// The public addresses are https: browsers are told to keep to it (HSTS).
    pub https: bool,
    /// `cargo leptos watch` is running: its reload script talks over a WebSocket.
    pub hot_reload: bool,
}

impl HeaderPolicy {
    /// The policy for this server.
    pub fn of(st: &AppState) -> Self {
        HeaderPolicy {
            https: st.config.served_over_https(),
            hot_reload: std::env::var("LEPTOS_WATCH").is_ok(),
        }
    }

    /// The Content-Security-Policy for a response whose scripts carry `nonce`. WASM needs
    /// `'wasm-unsafe-eval'`; pages set colours in `style` attributes (the storefront's accent) and
    /// show a storefront's logo from the address its operator gave (any https image).
    pub fn content_security_policy(&self, nonce: &str) -> String {
        let connect = if self.hot_reload {
            "'self' ws: wss:"
        } else {
            "'self'"
        };
        format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data: https:; \
             font-src 'self'; connect-src {connect}; object-src 'none'; base-uri 'self'; \
             form-action 'self'; frame-ancestors 'none'"
        )
    }
}

/// The middleware: a fresh nonce for the request (see [`provide_request_nonce`]), and the
/// security headers on whatever answers it.
pub async fn add_security_headers(
    State(policy): State<HeaderPolicy>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let nonce = Nonce::new();
    req.extensions_mut().insert(nonce.clone());
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    match HeaderValue::from_str(&policy.content_security_policy(&nonce)) {
        Ok(csp) => {
            h.insert(header::CONTENT_SECURITY_POLICY, csp);
        }
        Err(e) => tracing::error!(error = %e, "no Content-Security-Policy for this response"),
    }
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    if policy.https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    res
}

/// Gives Leptos the request's nonce while it renders (call it in the context function): the
/// hydration script and the resource chunks then carry the nonce the policy names, instead of
/// the one leptos_axum draws by itself.
pub fn provide_request_nonce() {
    let nonce = use_context::<Parts>().and_then(|p| p.extensions.get::<Nonce>().cloned());
    if let Some(nonce) = nonce {
        provide_context(nonce);
    }
}
