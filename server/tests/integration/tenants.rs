//! The operator acts on a tenant, on both engines: suspend (its host then tells users why),
//! resume, extend, archive, restore and delete its data after typing its name; each with a
//! reason that its history keeps. Bad input (no reason, zero days, a wrong name, an action the
//! state does not allow, another role) is a clear error and changes nothing.
use crate::common::*;
use app::api::orders::PlaceOrder;
use app::api::tenants::ActOnTenant;
use app::backend::db::Engine;
use app::error::AppError;
use reqwest::{header, Client};

struct Tenant {
    id: i64,
    id_text: String,
}

async fn subscribed(app: &TestApp) -> Tenant {
    let form = paid_form("acme", "k-new", &[]);
    app.call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &form)
        .await
        .body
        .expect("paid order");
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM tenants WHERE name = 'acme'")
        .fetch_one(&app.pool)
        .await
        .expect("tenant");
    Tenant {
        id,
        id_text: id.to_string(),
    }
}

async fn act(
    app: &TestApp,
    who: &Client,
    t: &Tenant,
    action: &str,
    extra: &[(&str, &str)],
) -> Result<(), AppError> {
    let mut form = vec![
        ("tenant_id", t.id_text.as_str()),
        ("action", action),
        ("reason", "as agreed with the customer"),
    ];
    for (k, v) in extra {
        form.retain(|(fk, _)| fk != k);
        form.push((k, v));
    }
    app.call::<()>(who, None, path_of::<ActOnTenant>(), &form)
        .await
        .body
}

async fn state(app: &TestApp, t: &Tenant) -> String {
    let (s,): (String,) = sqlx::query_as("SELECT state FROM tenants WHERE id = $1")
        .bind(t.id)
        .fetch_one(&app.pool)
        .await
        .expect("state");
    s
}

async fn period_end(app: &TestApp, t: &Tenant) -> String {
    let (s,): (String,) =
        sqlx::query_as("SELECT period_end FROM subscriptions WHERE tenant_id = $1")
            .bind(t.id)
            .fetch_one(&app.pool)
            .await
            .expect("period");
    s
}

fn field_of(e: &AppError) -> Option<&str> {
    e.field()
}

async fn the_operator_suspends_resumes_extends_archives_and_deletes(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let t = subscribed(&app).await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;

    // Nobody but the operator.
    let (admin, _) = login(&app, Some("acme"), "ada@acme.example", PASSWORD).await;
    let refused = app
        .call::<()>(
            &admin,
            Some("acme"),
            path_of::<ActOnTenant>(),
            &[
                ("tenant_id", &t.id_text),
                ("action", "suspend"),
                ("reason", "x"),
            ],
        )
        .await;
    assert!(refused.body.is_err());
    assert_eq!(state(&app, &t).await, "active");

    // A reason is required.
    let e = act(&app, &op, &t, "suspend", &[("reason", " ")])
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), Some("reason"), "{e}");
    assert_eq!(state(&app, &t).await, "active");

    // Suspended: the instance's host tells its users why.
    act(&app, &op, &t, "suspend", &[]).await.expect("suspended");
    assert_eq!(state(&app, &t).await, "suspended");
    let home = app
        .client(Some("acme"))
        .get(app.url(Some("acme"), "/"))
        .send()
        .await
        .expect("home");
    assert_eq!(home.status(), 303);
    assert_eq!(
        home.headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok()),
        Some("/paused")
    );
    let page = html(&app, &app.client(Some("acme")), Some("acme"), "/paused").await;
    assert!(page.contains("acme is paused"), "{page}");
    assert!(page.contains("paused by the service"), "{page}");

    // Resumed: running again, and its page is gone.
    act(&app, &op, &t, "resume", &[]).await.expect("resumed");
    assert_eq!(state(&app, &t).await, "active");
    let gone = app
        .client(Some("acme"))
        .get(app.url(Some("acme"), "/paused"))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .expect("paused page");
    assert_eq!(gone.status(), 404);

    // Extended by ten days: the paid period (and so the renewal) moves.
    let before = period_end(&app, &t).await;
    let e = act(&app, &op, &t, "extend", &[("days", "0")])
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), Some("days"), "{e}");
    assert_eq!(period_end(&app, &t).await, before);
    act(&app, &op, &t, "extend", &[("days", "10")])
        .await
        .expect("extended");
    let after = period_end(&app, &t).await;
    let parse = |s: &str| app::backend::db::parse_ts(s).expect("date");
    assert_eq!(parse(&after) - parse(&before), chrono::Duration::days(10));

    // Archived, restored (suspended), archived again; its data is deleted only with its name.
    act(&app, &op, &t, "archive", &[]).await.expect("archived");
    assert_eq!(state(&app, &t).await, "archived");
    act(&app, &op, &t, "restore", &[]).await.expect("restored");
    assert_eq!(state(&app, &t).await, "suspended");
    act(&app, &op, &t, "archive", &[]).await.expect("archived");
    let e = act(&app, &op, &t, "terminate", &[("confirm", "acne")])
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), Some("confirm"), "{e}");
    assert!(app.tenant_db_exists(t.id).await, "nothing deleted");
    act(&app, &op, &t, "terminate", &[("confirm", "acme")])
        .await
        .expect("terminated");
    assert_eq!(state(&app, &t).await, "terminated");
    assert!(!app.tenant_db_exists(t.id).await, "data deleted");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM invoices").await,
        1,
        "invoices kept"
    );

    // Nothing more can be done to a terminated tenant.
    for action in ["extend", "resume", "restore", "suspend", "archive"] {
        let e = act(&app, &op, &t, action, &[("days", "5")])
            .await
            .unwrap_err();
        assert!(e.to_string().contains("terminated"), "{action}: {e}");
    }
    assert_eq!(state(&app, &t).await, "terminated");

    // Every change names the operator and the reason.
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM tenant_events WHERE tenant_id = $1 AND actor LIKE 'operator:%' \
         AND detail LIKE '%as agreed with the customer%'",
    )
    .bind(t.id)
    .fetch_one(&app.pool)
    .await
    .expect("events");
    assert_eq!(n, 7);
}

on_both_engines!(the_operator_suspends_resumes_extends_archives_and_deletes);
