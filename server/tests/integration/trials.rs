//! Free trials on both engines: a plan that offers paid or trial, the customer's choice, and the
//! plan's action when the trial ends (suspend or archive), run by the background sweep.

use crate::common::*;
use app::api::orders::PlaceOrder;
use app::backend::db::Engine;
use chrono::Duration;

async fn tenant(app: &TestApp) -> (String, String) {
    sqlx::query_as(
        "SELECT t.state, s.status FROM tenants t JOIN subscriptions s ON s.tenant_id = t.id",
    )
    .fetch_one(&app.pool)
    .await
    .expect("tenant")
}

/// Waits for the sweep to move the tenant out of its trial.
async fn until_trial_ends(app: &TestApp) -> (String, String) {
    for _ in 0..250 {
        let now = tenant(app).await;
        if now.0 != "trial" {
            return now;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("the trial did not end");
}

async fn a_paid_plan_can_be_started_as_a_trial(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let client = app.client(None);
    // Trial orders carry no payment; leftover paid fields are ignored.
    let form = paid_form("acme", "k1", &[("form[offer]", "trial")]);
    app.call::<String>(&client, None, path_of::<PlaceOrder>(), &form)
        .await
        .body
        .expect("trial order");
    assert_eq!(tenant(&app).await, ("trial".into(), "trial".into()));
    let (total, is_trial, ends): (i64, i64, String) = sqlx::query_as(
        "SELECT o.total_minor, o.is_trial, s.trial_ends_at FROM orders o JOIN subscriptions s ON s.tenant_id = o.tenant_id",
    )
    .fetch_one(&app.pool)
    .await
    .expect("order");
    assert_eq!((total, is_trial), (0, 1));
    assert!(ends.starts_with("2026-01-31T09:00"), "{ends}");
    assert_eq!(app.count("SELECT COUNT(*) FROM payments").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM invoices").await, 0);
    assert!(app.outbox()[0].contains("free trial runs for 30 days"));

    let paid = paid_form("beta", "k2", &[("form[offer]", "paid")]);
    app.call::<String>(&client, None, path_of::<PlaceOrder>(), &paid)
        .await
        .body
        .expect("paid order");
    assert_eq!(app.count("SELECT COUNT(*) FROM payments").await, 1);
}

async fn impossible_choices_are_refused(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let client = app.client(None);
    let cases = [
        ("erp-enterprise", "trial", "no free trial"),
        ("erp-trial", "paid", "free trial only"),
        ("erp-business", "free", "not a way to start"),
    ];
    for (plan, offer, message) in cases {
        let form = paid_form(
            "acme",
            "k1",
            &[("form[plan]", plan), ("form[offer]", offer)],
        );
        let reply = app
            .call::<String>(&client, None, path_of::<PlaceOrder>(), &form)
            .await;
        assert_eq!(reply.status, 422, "{plan}/{offer}");
        let text = reply.body.unwrap_err().to_string();
        assert!(text.contains(message), "{plan}/{offer}: {text}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM orders").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM tenants").await, 0);
}

async fn an_ended_trial_is_suspended_and_the_customer_told(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    order_trial(&app, "acme", "a@acme.example", "k1")
        .await
        .body
        .expect("order");
    app.clock.advance(Duration::days(29));
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(tenant(&app).await.0, "trial", "a day is left");
    app.clock.advance(Duration::days(2));
    assert_eq!(
        until_trial_ends(&app).await,
        ("suspended".into(), "suspended".into())
    );
    let (actor,): (String,) =
        sqlx::query_as("SELECT actor FROM tenant_events WHERE event = 'suspended'")
            .fetch_one(&app.pool)
            .await
            .expect("event");
    assert_eq!(actor, "job:trial_end");
    let ended: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT event, from_status, to_status, actor FROM subscription_events \
         WHERE from_status IS NOT NULL ORDER BY id",
    )
    .fetch_all(&app.pool)
    .await
    .expect("subscription events");
    let ended: Vec<_> = ended
        .iter()
        .map(|(e, f, t, a)| (e.as_str(), f.as_str(), t.as_str(), a.as_str()))
        .collect();
    assert_eq!(
        ended,
        [
            ("provisioned", "pending", "trial", "job:provisioner"),
            ("trial_ended", "trial", "suspended", "job:trial_end"),
        ],
        "every status change leaves an event with its actor"
    );
    // The mail goes out just after the state changes.
    let told = |app: &TestApp| {
        app.outbox()
            .iter()
            .any(|m| m.contains("Your free trial of acme has ended") && m.contains("is paused"))
    };
    for _ in 0..250 {
        if told(&app) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(told(&app), "the customer is told");
}

async fn a_plan_can_archive_ended_trials(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    sqlx::query("UPDATE plans SET trial_end_action = 'archive' WHERE code = 'erp-trial'")
        .execute(&app.pool)
        .await
        .expect("plan");
    order_trial(&app, "acme", "a@acme.example", "k1")
        .await
        .body
        .expect("order");
    app.clock.advance(Duration::days(31));
    assert_eq!(
        until_trial_ends(&app).await,
        ("archived".into(), "cancelled".into())
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM tenant_events WHERE event = 'archived'")
            .await,
        1,
        "ended once, though the sweep keeps running"
    );
}

on_both_engines!(
    a_paid_plan_can_be_started_as_a_trial,
    impossible_choices_are_refused,
    an_ended_trial_is_suspended_and_the_customer_told,
    a_plan_can_archive_ended_trials,
);
