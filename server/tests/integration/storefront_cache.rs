//! The storefront's cache on both engines: an edit on one server shows at once there and within a
//! second on another server of the same database, and a cached page never carries another
//! visitor's nonce.

use std::time::{Duration, Instant};

use crate::common::*;
use app::api::catalog::plans::SetPlanStatus;
use app::api::catalog::StorefrontCatalog;
use app::backend::db::Engine;
use app::wire::catalog::StorefrontView;
use reqwest::header;

const TRIAL: &str = "ERP Free Trial";

/// The storefront page as a visitor without a session gets it, with its CSP header.
async fn page(app: &TestApp) -> (String, String) {
    let res = app
        .client(None)
        .get(app.url(None, "/"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 200);
    let csp = res
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (res.text().await.expect("html"), csp)
}

/// Whether the storefront shows the trial plan: the page without a session, the page with one,
/// and the catalog as the hydrated app asks for it.
async fn shows_trial(app: &TestApp, session: &reqwest::Client) -> [bool; 3] {
    let plain = page(app).await.0.contains(TRIAL);
    let with_session = session
        .get(app.url(None, "/"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("html")
        .contains(TRIAL);
    let catalog: StorefrontView = app
        .call(
            session,
            None,
            path_of::<StorefrontCatalog>(),
            &[("code", "")],
        )
        .await
        .body
        .expect("catalog");
    let data = catalog.plans.iter().any(|p| p.name == TRIAL);
    [plain, with_session, data]
}

/// Waits up to a second for `app` to show the trial plan or not.
async fn within_a_second(app: &TestApp, session: &reqwest::Client, shown: bool) {
    let deadline = Instant::now() + Duration::from_secs(1);
    loop {
        let now = shows_trial(app, session).await;
        if now == [shown; 3] {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "after a second the second server still shows {now:?}, expected {shown}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn an_edit_shows_on_every_server(engine: Engine) {
    let a = TestApp::spawn(engine).await;
    let b = a.second_server().await;
    let (op, _) = login(&a, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let (visitor_b, _) = login(&b, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    // Fill both servers' caches (twice: the second answer comes from the cache).
    for _ in 0..2 {
        assert_eq!(shows_trial(&a, &op).await, [true; 3]);
        assert_eq!(shows_trial(&b, &visitor_b).await, [true; 3]);
    }
    let id = plan_id(&a, "erp-trial").await.to_string();
    for (to, shown) in [("draft", false), ("published", true)] {
        let form = [("plan_id", id.as_str()), ("status", to)];
        assert_eq!(
            status::<()>(&a, &op, path_of::<SetPlanStatus>(), &form).await,
            200
        );
        assert_eq!(
            shows_trial(&a, &op).await,
            [shown; 3],
            "the server that made the edit shows it at once"
        );
        within_a_second(&b, &visitor_b, shown).await;
    }
}

async fn each_cached_page_carries_its_own_nonce(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut seen: Vec<(String, String)> = Vec::new();
    for _ in 0..3 {
        let (html, csp) = page(&app).await;
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("a nonce in the policy")
            .to_string();
        assert!(
            html.contains(&format!("nonce=\"{nonce}\"")),
            "the page's scripts carry the policy's nonce"
        );
        for (other, _) in &seen {
            assert!(!html.contains(other.as_str()), "no earlier visitor's nonce");
        }
        seen.push((nonce, html));
    }
    let same = |(nonce, html): &(String, String)| html.replace(nonce.as_str(), "NONCE");
    assert_eq!(same(&seen[0]), same(&seen[2]), "otherwise the same page");
    // The page came from the cache: a write that bypasses the catalog's edit functions (and so
    // leaves the generation alone) is not seen.
    sqlx::query("UPDATE plans SET name = 'Renamed behind its back' WHERE code = 'erp-trial'")
        .execute(&app.pool)
        .await
        .expect("rename");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(page(&app).await.0.contains(TRIAL), "served from the cache");
    // Only storefronts that exist are kept: an unknown code is a 404, never cached.
    let missing = app.client(None).get(app.url(None, "/s/nope")).send().await;
    assert_eq!(missing.expect("get").status(), 404);
}

async fn the_cache_survives_a_lost_listener(engine: Engine) {
    if engine != Engine::Postgres {
        return;
    }
    let a = TestApp::spawn(engine).await;
    let b = a.second_server().await;
    let (op, _) = login(&a, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let (visitor_b, _) = login(&b, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert_eq!(shows_trial(&b, &visitor_b).await, [true; 3]);
    // Cut every listener's connection; B must not go on serving what it had.
    let cut: Vec<(bool,)> = sqlx::query_as(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    )
    .fetch_all(&a.pool)
    .await
    .expect("terminate listeners");
    assert!(cut.len() >= 2, "both servers listen");
    let id = plan_id(&a, "erp-trial").await.to_string();
    let form = [("plan_id", id.as_str()), ("status", "draft")];
    assert_eq!(
        status::<()>(&a, &op, path_of::<SetPlanStatus>(), &form).await,
        200
    );
    within_a_second(&b, &visitor_b, false).await;
    // Listening again, B caches and hears edits again.
    tokio::time::sleep(Duration::from_millis(500)).await;
    within_a_second(&b, &visitor_b, false).await;
    let form = [("plan_id", id.as_str()), ("status", "published")];
    assert_eq!(
        status::<()>(&a, &op, path_of::<SetPlanStatus>(), &form).await,
        200
    );
    within_a_second(&b, &visitor_b, true).await;
}

on_both_engines!(
    an_edit_shows_on_every_server,
    each_cached_page_carries_its_own_nonce,
    the_cache_survives_a_lost_listener,
);
