//! Ordering on both engines: bad names, taken names, duplicate submissions, provisioning failure.

use crate::common::*;
use app::api::orders::{CheckInstanceName, NameCheck, OrderStatus, OrderStatusView};
use app::backend::db::Engine;
use app::backend::provisioning::Step;
use app::domain::order_flow::OrderStatus as Status;
use app::error::AppError;

async fn counts(app: &TestApp) -> [i64; 4] {
    [
        app.count("SELECT COUNT(*) FROM customers").await,
        app.count("SELECT COUNT(*) FROM tenants").await,
        app.count("SELECT COUNT(*) FROM orders").await,
        app.count("SELECT COUNT(*) FROM users WHERE role = 'tenant_admin'")
            .await,
    ]
}

async fn invalid_and_taken_names_create_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    for (name, expected) in [
        ("ab", "at least 3"),
        ("www", "reserved"),
        ("-acme", "hyphen"),
        ("ac_me", "may only contain"),
    ] {
        let reply = order_trial(&app, name, "x@acme.example", &format!("k-{}", name.len())).await;
        assert_eq!(reply.status, 422, "{name}");
        let error = reply.body.expect_err(name);
        assert_eq!(
            error.field(),
            Some("instance_name"),
            "{name}: said of the name"
        );
        match error.without_field() {
            AppError::Invalid(m) => assert!(m.contains(expected), "{name}: {m}"),
            other => panic!("{name}: {other:?}"),
        }
    }
    assert_eq!(counts(&app).await, [0, 0, 0, 0]);

    order_trial(&app, "acme", "a@acme.example", "k-first")
        .await
        .body
        .expect("first order");
    let before = counts(&app).await;
    let reply = order_trial(&app, "ACME", "b@other.example", "k-second").await;
    assert_eq!(reply.status, 409);
    let taken = reply.body.expect_err("taken");
    assert_eq!(taken.field(), Some("instance_name"));
    assert!(matches!(taken.without_field(), AppError::Conflict(m) if m.contains("already taken")));
    assert_eq!(
        counts(&app).await,
        before,
        "a taken name leaves nothing behind"
    );

    let check: NameCheck = app
        .call(
            &app.client(None),
            None,
            path_of::<CheckInstanceName>(),
            &[("name", "acme")],
        )
        .await
        .body
        .expect("check");
    assert!(!check.available && check.message.contains("already taken"));
    let check: NameCheck = app
        .call(
            &app.client(None),
            None,
            path_of::<CheckInstanceName>(),
            &[("name", "beta")],
        )
        .await
        .body
        .expect("check");
    assert!(check.available);
}

async fn the_same_submission_twice_places_one_order(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let first = order_trial(&app, "acme", "a@acme.example", "k-same")
        .await
        .body
        .expect("first");
    let second = order_trial(&app, "acme", "a@acme.example", "k-same")
        .await
        .body
        .expect("replayed");
    assert_eq!(first, second);
    assert_eq!(counts(&app).await, [1, 1, 1, 1]);
    assert_eq!(app.outbox().len(), 1, "one welcome mail");
    let reply = order_trial(&app, "other", "a@acme.example", "k-same").await;
    assert_eq!(reply.status, 409, "same key, different order");
    assert_eq!(counts(&app).await, [1, 1, 1, 1]);
}

async fn a_failed_provisioning_step_is_rolled_back(engine: Engine) {
    let app = TestApp::spawn_with(engine, fault(Step::CreateAdmin)).await;
    let token = order_trial(&app, "acme", "a@acme.example", "k-fail")
        .await
        .body
        .expect("order is recorded");
    let status: OrderStatusView = app
        .call(
            &app.client(None),
            None,
            path_of::<OrderStatus>(),
            &[("token", &token)],
        )
        .await
        .body
        .expect("status");
    assert_eq!(status.status, Status::Failed);
    let reason = status.failure_reason.unwrap_or_default();
    assert!(reason.contains("create admin user"), "{reason}");
    let (tenant_id, state): (i64, String) =
        sqlx::query_as("SELECT id, state FROM tenants WHERE name = 'acme'")
            .fetch_one(&app.pool)
            .await
            .expect("tenant");
    assert_eq!(state, "failed");
    assert!(
        !app.tenant_db_exists(tenant_id).await,
        "the half-made database is dropped"
    );
    let (event, detail): (String, String) = sqlx::query_as(
        "SELECT event, detail FROM tenant_events WHERE tenant_id = $1 ORDER BY id DESC",
    )
    .bind(tenant_id)
    .fetch_one(&app.pool)
    .await
    .expect("event");
    assert_eq!(event, "provisioning_failed");
    assert!(detail.contains("create admin user"), "{detail}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE role = 'tenant_admin'")
            .await,
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM subscriptions WHERE status = 'cancelled'")
            .await,
        1
    );
    let mail = app.outbox();
    assert_eq!(
        mail.len(),
        1,
        "no welcome mail for a failed instance, one alert"
    );
    assert!(
        mail[0].contains(&format!("To: {OPERATOR_EMAIL}"))
            && mail[0].contains("Provisioning failed: acme"),
        "{}",
        mail[0]
    );
    let check: NameCheck = app
        .call(
            &app.client(None),
            None,
            path_of::<CheckInstanceName>(),
            &[("name", "acme")],
        )
        .await
        .body
        .expect("check");
    assert!(check.available, "a failed attempt does not keep the name");
}

async fn a_plain_form_post_comes_back_with_the_error_and_the_fields(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let res = app
        .client(None)
        .post(app.url(None, path_of::<app::api::orders::PlaceOrder>()))
        .header("origin", format!("http://{}", app.host(None)))
        .header("accept", "text/html")
        .header("referer", app.url(None, "/order/erp-trial"))
        .form(&[
            ("form[plan]", "erp-trial"),
            ("form[company]", "Acme Ltd"),
            ("form[contact_name]", "Ada"),
            ("form[email]", "a@acme.example"),
            ("form[password]", PASSWORD),
            ("form[instance_name]", "www"),
            ("form[idempotency_key]", "k-plain"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 302);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert!(location.starts_with("/order/erp-trial?"), "{location}");
    assert!(
        location.contains("form%5Bcompany%5D=Acme+Ltd") && location.contains("error="),
        "{location}"
    );
    let page = app
        .client(None)
        .get(app.url(None, &location))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("is reserved") && page.contains("value=\"Acme Ltd\""),
        "the form shows the error and keeps the fields"
    );
}

on_both_engines!(
    invalid_and_taken_names_create_nothing,
    the_same_submission_twice_places_one_order,
    a_failed_provisioning_step_is_rolled_back,
    a_plain_form_post_comes_back_with_the_error_and_the_fields,
);
