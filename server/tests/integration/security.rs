//! Sessions, CSRF, throttling and tenant isolation, on both engines.

use crate::common::*;
use app::api::auth::Login;
use app::api::dashboard::OperatorDashboard;
use app::api::portal::{PortalOverview, PortalView};
use app::backend::db::Engine;
use app::error::AppError;
use reqwest::header;

fn session_cookie(headers: &header::HeaderMap) -> String {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("tenantry_session="))
        .unwrap_or_else(|| panic!("no session cookie in {headers:?}"))
        .to_string()
}

fn cookie_value(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap_or_default().to_string()
}

async fn session_cookie_is_http_only_lax_and_rotated_at_login(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (client, first) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let cookie = session_cookie(&first.headers);
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "plain http must not set Secure: {cookie}"
    );
    let second = app
        .call::<app::api::auth::UserView>(
            &client,
            None,
            path_of::<Login>(),
            &[("email", OPERATOR_EMAIL), ("password", OPERATOR_PASSWORD)],
        )
        .await;
    let rotated = session_cookie(&second.headers);
    assert_ne!(
        cookie_value(&cookie),
        cookie_value(&rotated),
        "a new session id at every login"
    );

    // The old id no longer opens anything.
    let res = app
        .post_with_cookie(None, path_of::<OperatorDashboard>(), &cookie_value(&cookie))
        .await;
    assert_eq!(res.status(), 401);
}

async fn cookies_are_secure_over_https(engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| c.public_scheme = "https://".into()).await;
    let (_, reply) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert!(session_cookie(&reply.headers).contains("Secure"));
}

async fn cross_site_posts_are_refused(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let url = app.url(None, path_of::<Login>());
    let form = [("email", OPERATOR_EMAIL), ("password", OPERATOR_PASSWORD)];
    let evil = app
        .client(None)
        .post(&url)
        .header(header::ORIGIN, "http://evil.example")
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(evil.status(), 403);
    let anonymous = app
        .client(None)
        .post(&url)
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(anonymous.status(), 403, "no Origin and no Referer");
    let sibling = app
        .client(None)
        .post(&url)
        .header(header::ORIGIN, format!("http://{}", app.host(Some("acme"))))
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(
        sibling.status(),
        403,
        "an instance's pages cannot post to the storefront"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM login_attempts").await
            + app.count("SELECT COUNT(*) FROM login_counters").await,
        0,
        "refused before any work"
    );
}

/// The benchmark's helper routes are compiled only into benchmark builds.
async fn benchmark_routes_are_not_served(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let res = app
        .client(None)
        .get(app.url(None, "/bench/baseline/1000"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 404);
}

async fn a_null_origin_is_refused_even_with_a_matching_referer(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let res = app
        .client(None)
        .post(app.url(None, path_of::<Login>()))
        .header(header::ORIGIN, "null")
        .header(header::REFERER, app.url(None, "/login"))
        .form(&[("email", OPERATOR_EMAIL), ("password", OPERATOR_PASSWORD)])
        .send()
        .await
        .expect("post");
    assert_eq!(
        res.status(),
        403,
        "a sandboxed or privacy-redirected page says Origin: null; its Referer proves nothing"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM login_attempts").await, 0);
}

async fn failed_logins_are_throttled_per_account_and_address(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    for _ in 0..5 {
        let (_, r) = login(&app, None, OPERATOR_EMAIL, "wrong password!").await;
        assert_eq!(r.status, 422);
        assert!(matches!(r.body, Err(AppError::Invalid(ref m)) if m == "Wrong email or password."));
    }
    let (_, r) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert_eq!(r.status, 429, "even the right password waits");
    assert_eq!(
        r.headers
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok()),
        Some("1")
    );
    assert!(
        matches!(r.body, Err(AppError::TooManyRequests { ref message, retry_after_secs: 1 })
            if message.contains("Try again in 1 second"))
    );
    app.clock.advance(chrono::Duration::seconds(1));
    let (_, r) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert_eq!(r.status, 200, "the delay has passed");
}

async fn failed_logins_are_throttled_per_address(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    for i in 0..20 {
        let (_, r) = login(
            &app,
            None,
            &format!("nobody{i}@example.com"),
            "wrong password!",
        )
        .await;
        assert_eq!(r.status, 422);
    }
    let (_, r) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert_eq!(
        r.status, 429,
        "one address guessing many accounts is stopped too"
    );
}

async fn tenants_cannot_reach_each_other(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    order_trial(&app, "acme", "ada@acme.example", "k-a")
        .await
        .body
        .expect("acme");
    order_trial(&app, "beta", "bob@beta.example", "k-b")
        .await
        .body
        .expect("beta");
    let (acme_admin, r) = login(&app, Some("acme"), "ada@acme.example", PASSWORD).await;
    let acme_cookie = cookie_value(&session_cookie(&r.headers));
    let own: PortalView = app
        .call(&acme_admin, Some("acme"), path_of::<PortalOverview>(), &[])
        .await
        .body
        .expect("own portal");
    assert_eq!(own.name, "acme");

    // acme's session presented to beta's host: not found, nothing of beta leaks.
    let res = app
        .post_with_cookie(Some("beta"), path_of::<PortalOverview>(), &acme_cookie)
        .await;
    assert_eq!(res.status(), 404);
    assert!(!res.text().await.expect("body").contains("bob@beta.example"));

    // acme's admin cannot log in on beta's host, nor use the operator dashboard.
    let (_, r) = login(&app, Some("beta"), "ada@acme.example", PASSWORD).await;
    assert_eq!(r.status, 422);
    let dash = app
        .call::<app::api::dashboard::DashboardView>(
            &app.client(None),
            None,
            path_of::<OperatorDashboard>(),
            &[],
        )
        .await;
    assert_eq!(dash.status, 401);
    let res = app
        .post_with_cookie(None, path_of::<OperatorDashboard>(), &acme_cookie)
        .await;
    assert_eq!(
        res.status(),
        401,
        "a session from an instance host is not the storefront's"
    );
}

async fn sessions_end_after_their_absolute_lifetime(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (operator, r) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    r.body.expect("login");
    let ok = app
        .call::<app::api::dashboard::DashboardView>(
            &operator,
            None,
            path_of::<OperatorDashboard>(),
            &[],
        )
        .await;
    assert_eq!(ok.status, 200);
    app.clock.advance(chrono::Duration::hours(13));
    let expired = app
        .call::<app::api::dashboard::DashboardView>(
            &operator,
            None,
            path_of::<OperatorDashboard>(),
            &[],
        )
        .await;
    assert_eq!(expired.status, 401);
}

async fn logout_ends_the_session(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (operator, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let out = operator
        .post(app.url(None, path_of::<app::api::auth::Logout>()))
        .header(header::ORIGIN, format!("http://{}", app.host(None)))
        .header(header::ACCEPT, "application/json")
        .send()
        .await
        .expect("logout");
    assert!(out.status().is_success());
    let after = app
        .call::<app::api::dashboard::DashboardView>(
            &operator,
            None,
            path_of::<OperatorDashboard>(),
            &[],
        )
        .await;
    assert_eq!(after.status, 401);
}

on_both_engines!(
    session_cookie_is_http_only_lax_and_rotated_at_login,
    cookies_are_secure_over_https,
    cross_site_posts_are_refused,
    a_null_origin_is_refused_even_with_a_matching_referer,
    benchmark_routes_are_not_served,
    failed_logins_are_throttled_per_account_and_address,
    failed_logins_are_throttled_per_address,
    tenants_cannot_reach_each_other,
    sessions_end_after_their_absolute_lifetime,
    logout_ends_the_session,
);
