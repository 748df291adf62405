//! Small helpers that give server functions the state, session and request they run in.
use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use tower_sessions::Session;

use super::host::{classify, HostKind};
use super::state::AppState;
use crate::error::{AppError, Result};

/// The application state provided to this request.
pub fn state() -> Result<AppState> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

fn parts() -> Result<Parts> {
    use_context::<Parts>().ok_or_else(|| {
        tracing::error!("request parts missing from context");
        AppError::Internal
    })
}

/// The caller's session.
pub async fn session() -> Result<Session> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = %e, "no session layer");
        AppError::Internal
    })
}

/// Whether the request came to the storefront or to one instance's host.
pub fn host_kind() -> Result<HostKind> {
    let st = state()?;
    let parts = parts()?;
    let host = parts
        .headers
        .get(http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    Ok(classify(host, &st.config.base_domain))
}

/// The language of this request (see [`crate::i18n::negotiate`]).
pub fn request_locale() -> crate::i18n::Locale {
    let Some(parts) = use_context::<Parts>() else {
        return crate::i18n::Locale::default();
    };
    // Decided by the server's language middleware, storefront default included.
    if let Some(locale) = parts.extensions.get::<crate::i18n::Locale>() {
        return *locale;
    }
    let cookies = parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok());
    let accept = parts
        .headers
        .get(http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    crate::i18n::negotiate(cookies, accept)
}

/// The storefront brand this request's instance wears (decided by the server's brand
/// middleware); none on the platform's own host.
pub fn request_brand() -> Option<crate::wire::brand::BrandView> {
    use_context::<Parts>()?
        .extensions
        .get::<crate::wire::brand::BrandView>()
        .cloned()
}

/// A header of this request, as text (absent or not text: `None`).
pub fn header(name: http::header::HeaderName) -> Option<String> {
    use_context::<Parts>()?
        .headers
        .get(name)?
        .to_str()
        .ok()
        .map(str::to_string)
}

/// The TCP peer's address and the headers of this request.
fn peer_and_headers() -> (Option<IpAddr>, http::HeaderMap) {
    use_context::<Parts>()
        .map(|p| {
            let peer = p
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip());
            (peer, p.headers)
        })
        .unwrap_or_default()
}

/// The caller's network address, for throttling (see [`super::client_ip`]).
pub fn client_ip(st: &AppState) -> String {
    let (peer, headers) = peer_and_headers();
    st.config.client_ip.client_ip(peer, &headers)
}

/// The caller as order screening sees it: address and, from a trusted proxy's header, country.
pub fn client(st: &AppState) -> super::orders::Client {
    let (peer, headers) = peer_and_headers();
    super::orders::Client {
        // The storefront's default language counts too (see `request_locale`).
        locale: request_locale(),
        ..super::orders::Client::from_request(st, peer, &headers)
    }
}

/// Whether this is a plain HTML form post (no WASM), which expects a redirect, not data.
pub fn is_plain_form_post() -> bool {
    use_context::<Parts>()
        .and_then(|p| {
            p.headers
                .get(http::header::ACCEPT)
                .and_then(|a| a.to_str().ok())
                .map(|a| a.contains("text/html"))
        })
        .unwrap_or(false)
}

/// [`finish`] for a form whose plain post, when it succeeds, sends the browser to `done_to` (the
/// page again, or the page saying what happened).
pub fn finish_then<T>(
    result: Result<T>,
    done_to: &str,
    back_to: (&str, &[(&str, &str)]),
) -> Result<T> {
    if result.is_ok() && is_plain_form_post() {
        leptos_axum::redirect(done_to);
    }
    finish(result, Some(back_to))
}

/// Sets the HTTP status for an error and, for a plain form post, sends the browser back to the
/// form with the message (and the fields it typed) in the query string, so nothing is lost.
pub fn finish<T>(result: Result<T>, back_to: Option<(&str, &[(&str, &str)])>) -> Result<T> {
    if let Err(e) = &result {
        if let Some(opts) = use_context::<ResponseOptions>() {
            opts.set_status(
                http::StatusCode::from_u16(e.status())
                    .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            );
            if let Some(secs) = e.retry_after_secs() {
                opts.insert_header(http::header::RETRY_AFTER, http::HeaderValue::from(secs));
            }
        }
        if let (true, Some((path, fields))) = (is_plain_form_post(), back_to) {
            let mut query: Vec<(&str, &str)> = fields.to_vec();
            let msg = e.to_string();
            query.push(("error", &msg));
            if let Some(field) = e.field() {
                query.push(("error_field", field));
            }
            leptos_axum::redirect(&format!("{path}?{}", encode_query(&query)));
        }
    }
    result
}

/// Encodes pairs as an `application/x-www-form-urlencoded` query.
pub fn encode_query(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes one value (a space as `+`).
pub(crate) fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The state and the logged-in operator, for operator-only server functions. On an instance's
/// host the operator side does not exist (404); elsewhere a missing login is 401, another role 403.
pub async fn operator() -> Result<(AppState, crate::wire::auth::UserView)> {
    let st = state()?;
    if host_kind()? != HostKind::Platform {
        return Err(AppError::NotFound);
    }
    let user = super::auth::require_operator(&st, &session().await?).await?;
    Ok((st, user))
}

/// Runs the body of an operator-only server function: checks the caller is the operator on the
/// platform host (see [`operator`]), runs `body` with the state and the operator, and answers as
/// [`finish`] does (status, and a plain form post sent back to `back_to`).
pub async fn as_operator<T, F, Fut>(back_to: Option<(&str, &[(&str, &str)])>, body: F) -> Result<T>
where
    F: FnOnce(AppState, crate::wire::auth::UserView) -> Fut,
    Fut: std::future::Future<Output = Result<T>>,
{
    let result = async {
        let (st, user) = operator().await?;
        body(st, user).await
    }
    .await;
    finish(result, back_to)
}

/// Shorthand used at the top of host-specific server functions.
pub fn require_instance_host() -> Result<String> {
    match host_kind()? {
        HostKind::Instance(name) => Ok(name),
        HostKind::Platform => Err(AppError::NotFound),
    }
}

/// Asks the browser to reload the page after `seconds` (the `Refresh` header), for pages that
/// follow progress without JavaScript.
pub fn refresh_after(seconds: u32) {
    if let Some(opts) = use_context::<ResponseOptions>() {
        if let Ok(value) = http::HeaderValue::from_str(&seconds.to_string()) {
            opts.insert_header(http::header::REFRESH, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::encode_query;

    #[test]
    fn query_values_are_escaped() {
        assert_eq!(
            encode_query(&[("a", "x y&z"), ("é", "1")]),
            "a=x+y%26z&%C3%A9=1"
        );
    }
}
