//! The REST API on both engines: keys, errors, orders through the same workflow, reads.

use crate::common::*;
use app::backend::api_keys;
use app::backend::db::Engine;
use app::domain::Clock;
use serde_json::{json, Value};

async fn key(app: &TestApp) -> String {
    create_api_key(app).await
}

async fn send(
    app: &TestApp,
    method: &str,
    path: &str,
    key: Option<&str>,
    idem: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let client = app.client(None);
    let url = app.url(None, &format!("/api/v1{path}"));
    let mut req = if method == "POST" {
        client.post(url)
    } else {
        client.get(url)
    };
    if let Some(k) = key {
        req = req.bearer_auth(k);
    }
    if let Some(i) = idem {
        req = req.header("Idempotency-Key", i);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    // Wait for provisioning to finish, so the answer shows where the order ended.
    let res = req
        .header("Prefer", "wait=30")
        .send()
        .await
        .expect("request");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn order(name: &str, card: &str, method: &str) -> Value {
    json!({
        "plan": "erp-business", "company": "Acme Ltd", "contact_name": "Ada", "email": format!("{name}@acme.example"),
        "password": PASSWORD, "instance_name": name, "period_months": 1, "billing_country": "NL", "billing_address": "Dam 1, 1012 JS Amsterdam", "payment_method": method,
        "card": { "number": card, "exp_month": 12, "exp_year": 2030, "cvc": "123" }
    })
}

async fn keys_guard_the_api_and_errors_are_json(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (status, doc) = send(&app, "GET", "/openapi.json", None, None, None).await;
    assert_eq!(status, 200);
    assert!(doc["paths"]["/orders"]["post"].is_object());
    let (status, body) = send(&app, "GET", "/plans", None, None, None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("unauthorized"))
    );
    let (status, _) = send(&app, "GET", "/plans", Some("tnt_nope_nope"), None, None).await;
    assert_eq!(status, 401);
    let k = key(&app).await;
    let (status, plans) = send(&app, "GET", "/plans", Some(&k), None, None).await;
    assert_eq!(status, 200);
    let business = plans["data"]
        .as_array()
        .expect("list")
        .iter()
        .find(|p| p["code"] == "erp-business")
        .cloned()
        .expect("plan");
    assert_eq!(
        business["prices"]["periods"].as_array().map(|p| p.len()),
        Some(3)
    );
    let (status, body) = send(&app, "GET", "/orders/999", Some(&k), None, None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("not_found"))
    );
    let (key_id,): (i64,) = sqlx::query_as("SELECT id FROM api_keys")
        .fetch_one(&app.pool)
        .await
        .expect("key row");
    api_keys::revoke(&app.pool, app.clock.now(), key_id)
        .await
        .expect("revoke");
    let (status, _) = send(&app, "GET", "/plans", Some(&k), None, None).await;
    assert_eq!(status, 401, "a revoked key stops working");
    let (stored,): (String,) = sqlx::query_as("SELECT key_hash FROM api_keys")
        .fetch_one(&app.pool)
        .await
        .expect("hash");
    assert!(
        !stored.contains(&k) && stored.len() == 64,
        "only a hash is stored"
    );
}

async fn orders_through_the_api_run_the_same_workflow(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let k = key(&app).await;
    let (status, created) = send(
        &app,
        "POST",
        "/orders",
        Some(&k),
        Some("api-1"),
        Some(order("acme", "4242424242424242", "card")),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["status"], "completed");
    assert_eq!(created["invoice_number"], "INV-000001");
    let (status, again) = send(
        &app,
        "POST",
        "/orders",
        Some(&k),
        Some("api-1"),
        Some(order("acme", "4242424242424242", "card")),
    )
    .await;
    assert_eq!(
        (status, &again["id"]),
        (201, &created["id"]),
        "the same request twice is one order"
    );
    let (status, clash) = send(
        &app,
        "POST",
        "/orders",
        Some(&k),
        Some("api-1"),
        Some(order("other", "4242424242424242", "card")),
    )
    .await;
    assert_eq!(
        (status, clash["error"]["code"].as_str()),
        (409, Some("conflict"))
    );
    let (status, body) = send(
        &app,
        "POST",
        "/orders",
        Some(&k),
        None,
        Some(order("beta", "4242424242424242", "card")),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("invalid")),
        "the idempotency key is required"
    );
    let (status, body) = send(
        &app,
        "POST",
        "/orders",
        Some(&k),
        Some("api-2"),
        Some(json!({ "plan": 5 })),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("invalid"))
    );
    let (status, body) = send(
        &app,
        "POST",
        "/orders",
        Some(&k),
        Some("api-3"),
        Some(order("beta", "4000000000000002", "card")),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("declined"),
        "{body}"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders").await,
        1,
        "bad requests leave nothing"
    );

    let id = created["id"].as_i64().expect("id");
    let (status, read) = send(&app, "GET", &format!("/orders/{id}"), Some(&k), None, None).await;
    assert_eq!((status, &read["instance_name"]), (200, &json!("acme")));
    let (_, customers) = send(&app, "GET", "/customers", Some(&k), None, None).await;
    assert_eq!(customers["data"][0]["email"], "acme@acme.example");
    let (_, invoices) = send(&app, "GET", "/invoices", Some(&k), None, None).await;
    let invoice_id = invoices["data"][0]["id"].as_i64().expect("invoice id");
    let (_, invoice) = send(
        &app,
        "GET",
        &format!("/invoices/{invoice_id}"),
        Some(&k),
        None,
        None,
    )
    .await;
    let sum: i64 = invoice["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .filter_map(|l| l["amount_minor"].as_i64())
        .sum();
    assert_eq!(Some(sum), invoice["total_minor"].as_i64());

    let (status, pending) = send(
        &app,
        "POST",
        "/orders",
        Some(&k),
        Some("api-4"),
        Some(order("gamma", "", "bank_transfer")),
    )
    .await;
    assert_eq!(
        (status, &pending["status"]),
        (201, &json!("awaiting_approval"))
    );
    let pid = pending["id"].as_i64().expect("id");
    let (status, approved) = send(
        &app,
        "POST",
        &format!("/orders/{pid}/approve"),
        Some(&k),
        None,
        None,
    )
    .await;
    assert_eq!((status, &approved["status"]), (200, &json!("completed")));

    // Lists come a page at a time, newest first, following `next`.
    let (_, first) = send(&app, "GET", "/customers?limit=1", Some(&k), None, None).await;
    assert_eq!(first["data"][0]["email"], "gamma@acme.example");
    let next = first["next"].as_str().expect("a next page").to_string();
    let (_, second) = send(
        &app,
        "GET",
        next.trim_start_matches("/api/v1"),
        Some(&k),
        None,
        None,
    )
    .await;
    assert_eq!(second["data"][0]["email"], "acme@acme.example");
    assert!(second["next"].is_null(), "{second}");
    let (_, done) = send(
        &app,
        "GET",
        "/orders?status=completed&limit=1",
        Some(&k),
        None,
        None,
    )
    .await;
    assert_eq!(
        (&done["data"][0]["instance_name"], &done["data"][0]["kind"]),
        (&json!("gamma"), &json!("new_sale"))
    );
    let next = done["next"].as_str().expect("next").to_string();
    assert!(next.contains("status=completed"), "{next}");
    let (_, older) = send(
        &app,
        "GET",
        next.trim_start_matches("/api/v1"),
        Some(&k),
        None,
        None,
    )
    .await;
    assert_eq!(older["data"][0]["instance_name"], "acme");
    let (status, _) = send(&app, "GET", "/orders?status=lost", Some(&k), None, None).await;
    assert_eq!(status, 422);
    let (status, _) = send(&app, "GET", "/orders?status=", Some(&k), None, None).await;
    assert_eq!(status, 422, "an empty status is not a status");
    let (status, bad) = send(&app, "GET", "/invoices?limit=500", Some(&k), None, None).await;
    assert_eq!((status, &bad["error"]["code"]), (422, &json!("invalid")));
}

async fn operators_manage_keys_in_the_ui(engine: Engine) {
    use app::api::api_keys::{ApiKeyView, CreateApiKey, ListApiKeys, RevokeApiKey};
    let app = TestApp::spawn(engine).await;
    let anon = app
        .call::<String>(
            &app.client(None),
            None,
            path_of::<CreateApiKey>(),
            &[("name", "x")],
        )
        .await;
    assert_eq!(anon.status, 401);
    let (operator, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let blank = app
        .call::<String>(&operator, None, path_of::<CreateApiKey>(), &[("name", " ")])
        .await;
    assert_eq!(blank.status, 422);
    let k = app
        .call::<String>(
            &operator,
            None,
            path_of::<CreateApiKey>(),
            &[("name", "billing sync")],
        )
        .await
        .body
        .expect("key");
    assert_eq!(
        send(&app, "GET", "/plans", Some(&k), None, None).await.0,
        200
    );
    let keys: Vec<ApiKeyView> = app
        .call(&operator, None, path_of::<ListApiKeys>(), &[])
        .await
        .body
        .expect("list");
    assert_eq!(
        (keys.len(), keys[0].name.as_str(), keys[0].revoked),
        (1, "billing sync", false)
    );
    assert!(
        !keys[0].prefix.contains(&k[14..]),
        "the secret is never listed"
    );
    let id = keys[0].id.to_string();
    app.call::<()>(
        &operator,
        None,
        path_of::<RevokeApiKey>(),
        &[("key_id", &id)],
    )
    .await
    .body
    .expect("revoked");
    assert_eq!(
        send(&app, "GET", "/plans", Some(&k), None, None).await.0,
        401
    );
    let again = app
        .call::<()>(
            &operator,
            None,
            path_of::<RevokeApiKey>(),
            &[("key_id", &id)],
        )
        .await;
    assert_eq!(again.status, 404, "already revoked");
}

on_both_engines!(
    keys_guard_the_api_and_errors_are_json,
    orders_through_the_api_run_the_same_workflow,
    operators_manage_keys_in_the_ui,
);
