//! Orders under concurrency, with real parallel requests against the real server on both engines:
//! duplicates of one idempotency key order and charge once, velocity limits hold when orders
//! arrive together, and many orders at once all complete without a step being repeated.
use std::collections::BTreeSet;

use crate::common::*;
use app::backend::db::Engine;
use futures::future::join_all;
use serde_json::{json, Value};

fn api_order(name: &str, email: &str, period: u32) -> Value {
    json!({
        "plan": "erp-business", "company": "Acme Ltd", "contact_name": "Ada", "email": email,
        "password": PASSWORD, "instance_name": name, "period_months": period, "billing_country": "NL",
        "billing_address": "Dam 1, 1012 JS Amsterdam", "payment_method": "card",
        "card": { "number": "4242424242424242", "exp_month": 12, "exp_year": 2030, "cvc": "123" }
    })
}

async fn post_order(app: &TestApp, api_key: &str, idem: &str, body: &Value) -> (u16, Value) {
    let res = app
        .client(None)
        .post(app.url(None, "/api/v1/orders"))
        .bearer_auth(api_key)
        .header("Idempotency-Key", idem)
        .json(body)
        .send()
        .await
        .expect("request");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// The same key and body 20 times at once: one order, one charge, every answer that order.
async fn api_duplicates_order_and_charge_once(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let key = create_api_key(&app).await;
    let body = api_order("twenty", "ada@acme.example", 12);
    let answers = join_all((0..20).map(|_| post_order(&app, &key, "dup-key-1", &body))).await;
    let ids: BTreeSet<i64> = answers
        .iter()
        .map(|(status, v)| {
            assert!(*status == 201 || *status == 202, "{status}: {v}");
            v["id"].as_i64().expect("order id")
        })
        .collect();
    assert_eq!(ids.len(), 1, "every duplicate answers the first order");
    app.settle().await;
    assert_eq!(app.count("SELECT COUNT(*) FROM orders").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM payments").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payments WHERE status = 'captured'")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE status = 'completed'")
            .await,
        1
    );
    // Another body under the same key is refused, whatever differs: here only the period.
    let other = api_order("twenty", "ada@acme.example", 1);
    let (status, v) = post_order(&app, &key, "dup-key-1", &other).await;
    assert_eq!(
        (status, v["error"]["code"].as_str()),
        (409, Some("conflict"))
    );
    let mut other_card = body.clone();
    other_card["card"]["number"] = json!("5555555555554444");
    let (status, _) = post_order(&app, &key, "dup-key-1", &other_card).await;
    assert_eq!(status, 409, "a different card is a different request");
    // Keys belong to their caller: another API key may use the same key for its own order.
    let second_key = create_api_key(&app).await;
    let body2 = api_order("twentyone", "bob@acme.example", 12);
    let (status, v) = post_order(&app, &second_key, "dup-key-1", &body2).await;
    assert!(status == 201 || status == 202, "{status}: {v}");
    assert_ne!(v["id"].as_i64(), ids.first().copied());
}

/// The storefront form submitted 20 times at once: one order, one charge, one token.
async fn form_duplicates_order_once(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let form = paid_form("formtwenty", "form-dup-key", &[]);
    let path = path_of::<app::api::orders::PlaceOrder>();
    let replies = join_all((0..20).map(|_| {
        let client = app.client(None);
        let form = form.clone();
        let app = &app;
        async move { app.call::<String>(&client, None, path, &form).await }
    }))
    .await;
    let tokens: BTreeSet<String> = replies
        .into_iter()
        .map(|r| r.body.unwrap_or_else(|e| panic!("{}: {e:?}", r.status)))
        .collect();
    assert_eq!(tokens.len(), 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM orders").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM payments").await, 1);
}

/// Eight orders of one email at once against a limit of two a day: exactly two pass screening.
async fn velocity_limit_holds_for_parallel_orders(engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| {
        c.fraud_rules.max_orders_per_email_per_day = 2;
        c.fraud_rules.max_orders_per_ip_per_day = 0;
    })
    .await;
    let key = create_api_key(&app).await;
    let answers = join_all((0..8).map(|i| {
        let body = api_order(&format!("velo{i}"), "same@acme.example", 1);
        let key = key.clone();
        let app = &app;
        async move { post_order(app, &key, &format!("velo-{i}"), &body).await }
    }))
    .await;
    for (status, v) in &answers {
        assert!(*status == 201 || *status == 202, "{status}: {v}");
    }
    app.settle().await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE flag_reasons = ''")
            .await,
        2
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE status = 'awaiting_approval'")
            .await,
        6
    );
}

/// 32 paid orders at once: every one completes, each in one attempt, no step run twice, and no
/// more provisioning jobs run at once than the server's queue allows.
async fn thirty_two_parallel_orders_all_complete(engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| {
        c.fraud_rules.max_orders_per_ip_per_day = 0;
        c.jobs.provisioning_concurrency = 3;
    })
    .await;
    let key = create_api_key(&app).await;
    let answers = join_all((0..32).map(|i| {
        let body = api_order(&format!("par{i}"), &format!("p{i}@acme.example"), 1);
        let key = key.clone();
        let app = &app;
        async move { post_order(app, &key, &format!("par-{i}"), &body).await }
    }))
    .await;
    for (status, v) in &answers {
        assert!(*status == 201 || *status == 202, "{status}: {v}");
    }
    app.settle().await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE status = 'completed'")
            .await,
        32
    );
    assert_eq!(app.jobs.busiest(), 3, "the queue ran three jobs at a time");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE provision_attempts <> 1")
            .await,
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM tenants WHERE state = 'active'")
            .await,
        32
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM provisioning_steps WHERE attempt <> 1 OR status <> 'done'")
            .await,
        0
    );
}

/// Clients that give up after a few milliseconds (a disconnect while the order is placed): the
/// order is still placed once, and asking again with the key answers it.
async fn clients_that_disconnect_still_order_once(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let key = create_api_key(&app).await;
    let body = api_order("gone", "gone@acme.example", 1);
    let impatient = reqwest::Client::builder()
        .timeout(std::time::Duration::from_millis(5))
        .build()
        .expect("client");
    let sent = join_all((0..10).map(|_| {
        impatient
            .post(app.url(None, "/api/v1/orders"))
            .bearer_auth(&key)
            .header("Idempotency-Key", "gone-key")
            .json(&body)
            .send()
    }))
    .await;
    assert!(sent.iter().any(Result::is_err), "some clients gave up");
    app.settle().await;
    let (status, v) = post_order(&app, &key, "gone-key", &body).await;
    assert!(status == 201 || status == 202, "{status}: {v}");
    app.settle().await;
    assert_eq!(app.count("SELECT COUNT(*) FROM orders").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE status = 'completed'")
            .await,
        1
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM payments").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM idempotency_keys WHERE order_id IS NULL")
            .await,
        0
    );
}

on_both_engines!(
    clients_that_disconnect_still_order_once,
    api_duplicates_order_and_charge_once,
    form_duplicates_order_once,
    velocity_limit_holds_for_parallel_orders,
    thirty_two_parallel_orders_all_complete,
);
