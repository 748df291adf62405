//! Provisioning as a background job on both engines: recorded steps, automatic retry after a
//! rolled-back attempt, the operator's retry or reject of a failed order, resuming a job whose
//! server went away, and the API's `Prefer: wait`.

use crate::common::*;
use app::api::orders::detail::{OrderDetail, OrderDetailView};
use app::api::orders::queue::{RejectOrder, RetryOrder};
use app::api::orders::{OrderStatus, OrderStatusView, PlaceOrder};
use app::backend::db::Engine;
use app::backend::provisioning::Step;
use app::domain::order_flow::OrderStatus as Status;
use app::domain::payment::PaymentStatus;
use app::domain::StepStatus;

async fn status(app: &TestApp, token: &str) -> OrderStatusView {
    app.call(
        &app.client(None),
        None,
        path_of::<OrderStatus>(),
        &[("token", token)],
    )
    .await
    .body
    .expect("status")
}

async fn steps(app: &TestApp, attempt: i64) -> Vec<(String, String)> {
    sqlx::query_as("SELECT step, status FROM provisioning_steps WHERE attempt = $1 ORDER BY id")
        .bind(attempt)
        .fetch_all(&app.pool)
        .await
        .expect("steps")
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

async fn a_failed_attempt_is_rolled_back_and_retried(engine: Engine) {
    let app = TestApp::spawn_with(engine, fault_for(Step::CreateAdmin, 1)).await;
    let token = order_trial(&app, "acme", "a@acme.example", "k1")
        .await
        .body
        .expect("order");
    let view = status(&app, &token).await;
    assert_eq!(view.status, Status::Completed);
    assert_eq!(view.attempt, 2, "the second attempt succeeded");
    assert!(
        view.steps.iter().all(|s| s.state == StepStatus::Done),
        "{:?}",
        view.steps
    );
    assert_eq!(
        view.steps
            .iter()
            .map(|s| s.label.as_str())
            .collect::<Vec<_>>(),
        [
            "create database",
            "apply schema",
            "install modules",
            "load demo data",
            "create admin user"
        ]
    );
    assert_eq!(
        steps(&app, 1).await,
        pairs(&[
            ("create_database", "rolled_back"),
            ("apply_schema", "rolled_back"),
            ("install_modules", "rolled_back"),
            ("load_demo_data", "rolled_back"),
            ("create_admin", "failed"),
        ])
    );
    assert_eq!(app.count("SELECT provision_attempts FROM orders").await, 2);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE provision_lease_until IS NULL")
            .await,
        1,
        "the lease is released"
    );
    assert_eq!(app.outbox().len(), 1, "one welcome mail");
    let labels: Vec<&str> = view.timeline.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(labels, ["Order placed", "Order checked", "Instance ready"]);
}

async fn an_operator_retries_a_failed_order(engine: Engine) {
    // Three attempts fail (the configured number per run); the operator's retry is the fourth.
    let app = TestApp::spawn_with(engine, fault_for(Step::InstallModules, 3)).await;
    let client = app.client(None);
    app.call::<String>(
        &client,
        None,
        path_of::<PlaceOrder>(),
        &paid_form("acme", "k1", &[]),
    )
    .await
    .body
    .expect("order");
    let (id, token, state): (i64, String, String) = sqlx::query_as(
        "SELECT o.id, o.public_token, t.state FROM orders o JOIN tenants t ON t.id = o.tenant_id",
    )
    .fetch_one(&app.pool)
    .await
    .expect("order");
    assert_eq!(state, "failed");
    let failed = status(&app, &token).await;
    assert_eq!((failed.status.as_str(), failed.attempt), ("failed", 3));
    let id = id.to_string();

    let anonymous = app
        .call::<()>(&client, None, path_of::<RetryOrder>(), &[("order_id", &id)])
        .await;
    assert_eq!(anonymous.status, 401);

    let (operator, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let retried = app
        .call::<()>(
            &operator,
            None,
            path_of::<RetryOrder>(),
            &[("order_id", &id)],
        )
        .await;
    assert!(retried.status.is_success(), "{:?}", retried.body);
    let done = status(&app, &token).await;
    assert_eq!((done.status.as_str(), done.attempt), ("completed", 4));
    assert!(done.failure_reason.is_none());
    let (state, sub): (String, String) = sqlx::query_as(
        "SELECT t.state, s.status FROM tenants t JOIN subscriptions s ON s.tenant_id = t.id",
    )
    .fetch_one(&app.pool)
    .await
    .expect("tenant");
    assert_eq!((state.as_str(), sub.as_str()), ("active", "active"));
    let (actor,): (String,) =
        sqlx::query_as("SELECT actor FROM order_events WHERE event = 'retry'")
            .fetch_one(&app.pool)
            .await
            .expect("retry event");
    assert!(actor.contains(OPERATOR_EMAIL), "{actor}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM tenant_events WHERE event = 'provisioning_retried'")
            .await,
        1
    );

    let again = app
        .call::<()>(
            &operator,
            None,
            path_of::<RetryOrder>(),
            &[("order_id", &id)],
        )
        .await;
    assert_eq!(again.status, 422, "a completed order cannot be retried");

    // The operator's page shows who did what, the payment and every attempt.
    let anonymous = app
        .call::<OrderDetailView>(
            &client,
            None,
            path_of::<OrderDetail>(),
            &[("order_id", &id)],
        )
        .await;
    assert_eq!(anonymous.status, 401);
    let detail: OrderDetailView = app
        .call(
            &operator,
            None,
            path_of::<OrderDetail>(),
            &[("order_id", &id)],
        )
        .await
        .body
        .expect("detail");
    let events: Vec<(&str, &str)> = detail
        .events
        .iter()
        .map(|e| (e.event.as_str(), e.actor.as_str()))
        .collect();
    let by_operator = format!("operator:{OPERATOR_EMAIL}");
    assert_eq!(
        events,
        [
            ("placed", "customer:ada@acme.example"),
            ("screened", "rule:fraud_screening"),
            ("payment_captured", "system"),
            ("provisioning_failed", "system"),
            ("retry", by_operator.as_str()),
            ("provisioned", "system"),
        ]
    );
    assert_eq!(detail.payments.len(), 1);
    assert_eq!(detail.payments[0].status, PaymentStatus::Captured);
    let attempts: std::collections::BTreeSet<i64> =
        detail.steps.iter().map(|s| s.attempt).collect();
    assert_eq!(attempts.into_iter().collect::<Vec<_>>(), [1, 2, 3, 4]);
    assert!(detail.steps.iter().any(|s| s.step == "install modules"
        && s.status == StepStatus::Failed
        && s.detail == "injected fault"));
}

async fn a_retry_is_refused_when_the_name_was_taken_since(engine: Engine) {
    let app = TestApp::spawn_with(engine, fault(Step::CreateDatabase)).await;
    order_trial(&app, "acme", "a@acme.example", "k1")
        .await
        .body
        .expect("order");
    // Meanwhile another customer's instance got the freed name.
    sqlx::query(
        "INSERT INTO tenants (name, customer_id, plan_id, state, created_at, updated_at) \
         SELECT name, customer_id, plan_id, 'active', created_at, updated_at FROM tenants",
    )
    .execute(&app.pool)
    .await
    .expect("rival");
    let id = app.count("SELECT id FROM orders").await.to_string();
    let (operator, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let retried = app
        .call::<()>(
            &operator,
            None,
            path_of::<RetryOrder>(),
            &[("order_id", &id)],
        )
        .await;
    assert_eq!(retried.status, 409);
    assert!(retried.body.unwrap_err().to_string().contains("was taken"));
    let (status,): (String,) = sqlx::query_as("SELECT status FROM orders")
        .fetch_one(&app.pool)
        .await
        .expect("order");
    assert_eq!(status, "failed", "nothing changed");
}

async fn a_failed_paid_order_can_be_rejected_with_a_refund(engine: Engine) {
    let app = TestApp::spawn_with(engine, fault(Step::ApplySchema)).await;
    app.call::<String>(
        &app.client(None),
        None,
        path_of::<PlaceOrder>(),
        &paid_form("acme", "k1", &[]),
    )
    .await
    .body
    .expect("order");
    let id = app.count("SELECT id FROM orders").await.to_string();
    let (operator, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let rejected = app
        .call::<()>(
            &operator,
            None,
            path_of::<RejectOrder>(),
            &[("order_id", &id), ("reason", "cannot host it")],
        )
        .await;
    assert!(rejected.status.is_success(), "{:?}", rejected.body);
    let (order, payment, invoice): (String, String, String) = sqlx::query_as(
        "SELECT o.status, p.status, i.status FROM orders o JOIN payments p ON p.order_id = o.id \
         JOIN invoices i ON i.order_id = o.id",
    )
    .fetch_one(&app.pool)
    .await
    .expect("rows");
    assert_eq!(
        (order.as_str(), payment.as_str(), invoice.as_str()),
        ("rejected", "refunded", "void")
    );
}

async fn a_job_whose_server_went_away_is_resumed(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let form = paid_form("acme", "k1", &[("form[payment_method]", "bank_transfer")]);
    app.call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &form)
        .await
        .body
        .expect("order");
    // As if a server approved it, took the lease and died: the lease has run out.
    sqlx::query(
        "UPDATE orders SET status = 'provisioning', provision_lease_until = '2025-12-31T00:00:00.000000Z'",
    )
    .execute(&app.pool)
    .await
    .expect("simulate");
    app.settle().await;
    let (status,): (String,) = sqlx::query_as("SELECT status FROM orders")
        .fetch_one(&app.pool)
        .await
        .expect("order");
    assert_eq!(status, "completed", "the sweep picked the job up");
}

async fn the_api_waits_for_provisioning_when_asked(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let key = create_api_key(&app).await;
    let body = serde_json::json!({
        "plan": "erp-business", "offer": "trial", "company": "Acme", "contact_name": "Ada",
        "email": "ada@acme.example", "password": PASSWORD, "instance_name": "acme",
    });
    let send = |wait: Option<&'static str>, idem: &'static str, name: &'static str| {
        let mut body = body.clone();
        body["instance_name"] = name.into();
        let mut req = app
            .client(None)
            .post(app.url(None, "/api/v1/orders"))
            .bearer_auth(&key)
            .header("Idempotency-Key", idem)
            .json(&body);
        if let Some(w) = wait {
            req = req.header("Prefer", w);
        }
        req.send()
    };
    let waited = send(Some("wait=30"), "w1", "acme").await.expect("request");
    assert_eq!(waited.status(), 201);
    let json: serde_json::Value = waited.json().await.expect("json");
    assert_eq!(json["status"], "completed");
    let quick = send(None, "w2", "beta").await.expect("request");
    let code = quick.status().as_u16();
    let json: serde_json::Value = quick.json().await.expect("json");
    match code {
        202 => assert_eq!(json["status"], "provisioning"),
        201 => assert_eq!(json["status"], "completed"),
        other => panic!("unexpected {other}: {json}"),
    }
    app.settle().await;
}

on_both_engines!(
    a_failed_attempt_is_rolled_back_and_retried,
    an_operator_retries_a_failed_order,
    a_retry_is_refused_when_the_name_was_taken_since,
    a_failed_paid_order_can_be_rejected_with_a_refund,
    a_job_whose_server_went_away_is_resumed,
    the_api_waits_for_provisioning_when_asked,
);
