//! Security headers on every kind of response, and a Content-Security-Policy whose per-request
//! nonce every script of the rendered page carries (so the hydrated app runs under it).

use crate::common::*;
use app::api::auth::Login;
use app::backend::db::Engine;
use reqwest::{header, Response};

fn header_of(res: &Response, name: &str) -> Option<String> {
    res.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// Checks the headers every response carries; returns the CSP's nonce.
fn assert_security_headers(res: &Response, what: &str) -> String {
    let csp = header_of(res, "content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no Content-Security-Policy"));
    for directive in [
        "default-src 'self'",
        "img-src 'self' data: https:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(directive), "{what}: {directive} in {csp}");
    }
    let script_src = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src "))
        .unwrap_or_else(|| panic!("{what}: no script-src in {csp}"));
    assert!(
        script_src.contains("'self'") && script_src.contains("'wasm-unsafe-eval'"),
        "{what}: {script_src}"
    );
    assert!(
        !script_src.contains("'unsafe-inline'") && !script_src.contains("'unsafe-eval'"),
        "{what}: {script_src}"
    );
    let nonce = script_src
        .split_whitespace()
        .find_map(|s| s.strip_prefix("'nonce-")?.strip_suffix('\''))
        .unwrap_or_else(|| panic!("{what}: no nonce in {script_src}"))
        .to_string();
    assert!(nonce.len() >= 16, "{what}: a nonce of 128 bits: {nonce}");
    assert_eq!(
        header_of(res, "x-frame-options").as_deref(),
        Some("DENY"),
        "{what}"
    );
    assert_eq!(
        header_of(res, "x-content-type-options").as_deref(),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        header_of(res, "referrer-policy").as_deref(),
        Some("strict-origin-when-cross-origin"),
        "{what}"
    );
    nonce
}

/// Every `<script` tag of the page, as written.
fn script_tags(html: &str) -> Vec<&str> {
    html.match_indices("<script")
        .map(|(at, _)| {
            let rest = &html[at..];
            &rest[..rest.find('>').map_or(rest.len(), |end| end + 1)]
        })
        .collect()
}

/// GETs a page and checks that each of its scripts carries the header's nonce.
async fn assert_page_scripts_carry_the_nonce(res: Response, what: &str) -> String {
    let nonce = assert_security_headers(&res, what);
    let html = res.text().await.expect("html");
    let scripts = script_tags(&html);
    assert!(
        !scripts.is_empty(),
        "{what}: the page has its hydration script"
    );
    for tag in &scripts {
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")),
            "{what}: a script without the nonce {nonce}: {tag}"
        );
    }
    assert!(
        !html.contains(" onclick=") && !html.contains(" onload="),
        "{what}: inline event handlers do not run under the policy"
    );
    nonce
}

async fn pages_carry_a_csp_whose_nonce_every_script_has(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let client = app.client(None);
    let get = |path: &str| client.get(app.url(None, path)).send();
    let first = get("/").await.expect("storefront");
    assert_eq!(first.status(), 200);
    let n1 = assert_page_scripts_carry_the_nonce(first, "/").await;
    let second = get("/").await.expect("storefront again");
    let n2 = assert_page_scripts_carry_the_nonce(second, "/ again").await;
    assert_ne!(n1, n2, "a new nonce for every response");
    let missing = get("/no-such-page").await.expect("404");
    assert_eq!(missing.status(), 404);
    assert_page_scripts_carry_the_nonce(missing, "the not-found page").await;

    let (operator, r) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    r.body.expect("operator logs in");
    for path in ["/operator", "/operator/orders", "/operator/catalog"] {
        let page = operator
            .get(app.url(None, path))
            .send()
            .await
            .expect("operator page");
        assert_eq!(page.status(), 200, "{path}");
        assert_page_scripts_carry_the_nonce(page, path).await;
    }
}

async fn every_kind_of_response_carries_the_headers(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let pkg = app.dir.join("site").join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg dir");
    std::fs::write(pkg.join("probe.js"), "export default 1;").expect("asset");
    let client = app.client(None);
    let asset = client
        .get(app.url(None, "/pkg/probe.js"))
        .send()
        .await
        .expect("asset");
    assert_eq!(asset.status(), 200);
    assert_security_headers(&asset, "a /pkg asset");
    let api = client
        .get(app.url(None, "/api/v1/plans"))
        .send()
        .await
        .expect("api");
    assert_eq!(api.status(), 401);
    assert_security_headers(&api, "a REST API error");
    let doc = client
        .get(app.url(None, "/api/v1/openapi.json"))
        .send()
        .await
        .expect("openapi");
    assert_security_headers(&doc, "the OpenAPI document");
    let server_fn = client
        .post(app.url(None, path_of::<Login>()))
        .header(header::ORIGIN, format!("http://{}", app.host(None)))
        .header(header::ACCEPT, "application/json")
        .form(&[("email", OPERATOR_EMAIL), ("password", OPERATOR_PASSWORD)])
        .send()
        .await
        .expect("server fn");
    assert_eq!(server_fn.status(), 200);
    assert_security_headers(&server_fn, "a server function");
    let refused = client
        .post(app.url(None, path_of::<Login>()))
        .header(header::ORIGIN, "http://evil.example")
        .send()
        .await
        .expect("cross-site");
    assert_eq!(refused.status(), 403);
    assert_security_headers(&refused, "the CSRF refusal");
    let health = client
        .get(app.url(None, "/healthz"))
        .send()
        .await
        .expect("health");
    assert_security_headers(&health, "/healthz");
    assert!(
        header_of(&health, "strict-transport-security").is_none(),
        "no HSTS over plain http"
    );
}

async fn https_deployments_send_hsts(engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| c.public_scheme = "https://".into()).await;
    let res = app
        .client(None)
        .get(app.url(None, "/"))
        .send()
        .await
        .expect("storefront");
    assert_security_headers(&res, "/ over https");
    let hsts = header_of(&res, "strict-transport-security").expect("HSTS over https");
    assert!(hsts.contains("max-age=31536000"), "{hsts}");
}

on_both_engines!(
    pages_carry_a_csp_whose_nonce_every_script_has,
    every_kind_of_response_carries_the_headers,
    https_deployments_send_hsts,
);
