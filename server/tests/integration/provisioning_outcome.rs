//! A provisioning job that fails only in recording its outcome: the write is tried again, and a
//! job resumed later records the outcome without building the instance a second time.
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use crate::common::*;
use app::backend::db::Engine;
use reqwest::header;

async fn outcome_failure_never_rebuilds_the_instance(engine: Engine) {
    // Seven failures: the first run tries five times and stops; the resumed run needs three.
    let left = Arc::new(AtomicU32::new(7));
    let fault = Arc::clone(&left);
    let app = TestApp::spawn_with(engine, move |c| c.outcome_fault = Some(fault)).await;
    let res = app
        .client(None)
        .post(app.url(None, path_of::<app::api::orders::PlaceOrder>()))
        .header(header::ORIGIN, format!("http://{}", app.host(None)))
        .header(header::ACCEPT, "application/json")
        .form(&[
            ("form[plan]", "erp-trial"),
            ("form[company]", "Acme Ltd"),
            ("form[contact_name]", "Ada Admin"),
            ("form[email]", "ada@acme.example"),
            ("form[password]", PASSWORD),
            ("form[instance_name]", "outcome"),
            ("form[idempotency_key]", "outcome-key"),
        ])
        .send()
        .await
        .expect("request");
    assert!(res.status().is_success(), "{}", res.status());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while left.load(Ordering::SeqCst) > 2 {
        assert!(
            std::time::Instant::now() < deadline,
            "first run never gave up"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE status = 'provisioning' AND instance_built_at IS NOT NULL")
            .await,
        1,
        "built, outcome not recorded"
    );
    // The lease runs out; the sweep resumes the job, which only records the outcome.
    app.clock.advance(chrono::Duration::minutes(11));
    app.settle().await;
    assert_eq!(left.load(Ordering::SeqCst), 0);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM orders WHERE status = 'completed' AND provision_attempts = 1"
        )
        .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM provisioning_steps WHERE attempt <> 1 OR status <> 'done'")
            .await,
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM tenants WHERE state = 'trial'")
            .await,
        1
    );
    let (tenant_id,): (i64,) = sqlx::query_as("SELECT id FROM tenants")
        .fetch_one(&app.pool)
        .await
        .expect("tenant");
    assert!(app.tenant_db_exists(tenant_id).await);
    let welcomes = || {
        app.outbox()
            .iter()
            .filter(|m| m.contains("is ready"))
            .count()
    };
    for _ in 0..100 {
        if welcomes() > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(welcomes(), 1);
}

on_both_engines!(outcome_failure_never_rebuilds_the_instance);
