//! The golden path on both engines: storefront, trial order, provisioning, mail, portal, dashboard.

use crate::common::*;
use app::api::dashboard::{DashboardView, OperatorDashboard};
use app::api::orders::{OrderStatus, OrderStatusView};
use app::api::portal::{PortalOverview, PortalView};
use app::backend::db::Engine;
use app::domain::order_flow::OrderStatus as Status;
use app::domain::TenantState;

async fn trial_order_provisions_a_working_instance(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let storefront = app
        .client(None)
        .get(app.url(None, "/"))
        .send()
        .await
        .expect("storefront");
    assert_eq!(storefront.status(), 200);
    let html = storefront.text().await.expect("html");
    assert!(
        html.contains("ERP Free Trial") && html.contains("Helpdesk Team"),
        "plans are listed"
    );
    assert!(
        html.contains("Compare plans") && html.contains("data-compare=\"erp-enterprise\""),
        "the comparison table lists every plan"
    );

    let reply = order_trial(&app, "acme", "ada@acme.example", "key-golden-1").await;
    let token = reply.body.expect("order placed");
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
    assert_eq!(status.status, Status::Completed);
    assert_eq!(status.tenant_state, Some(TenantState::Trial));
    assert_eq!(status.instance_url, app.url(Some("acme"), ""));

    let (tenant_id,): (i64,) = sqlx::query_as("SELECT id FROM tenants WHERE name = 'acme'")
        .fetch_one(&app.pool)
        .await
        .expect("tenant");
    assert!(
        app.tenant_db_exists(tenant_id).await,
        "the instance has its own database"
    );
    let events: Vec<(String,)> =
        sqlx::query_as("SELECT event FROM tenant_events WHERE tenant_id = $1 ORDER BY id")
            .bind(tenant_id)
            .fetch_all(&app.pool)
            .await
            .expect("events");
    assert_eq!(
        events.into_iter().map(|e| e.0).collect::<Vec<_>>(),
        ["created", "provisioned"]
    );
    let events: Vec<(String, Option<String>, String)> = sqlx::query_as(
        "SELECT e.event, e.from_status, e.to_status FROM subscription_events e \
         JOIN subscriptions s ON s.id = e.subscription_id WHERE s.tenant_id = $1 ORDER BY e.id",
    )
    .bind(tenant_id)
    .fetch_all(&app.pool)
    .await
    .expect("subscription events");
    assert_eq!(
        events,
        [
            ("created".into(), None, "pending".into()),
            ("provisioned".into(), Some("pending".into()), "trial".into()),
        ]
    );
    let (trial_end,): (String,) =
        sqlx::query_as("SELECT trial_ends_at FROM subscriptions WHERE tenant_id = $1")
            .bind(tenant_id)
            .fetch_one(&app.pool)
            .await
            .expect("sub");
    assert!(
        trial_end.starts_with("2026-01-31T09:00:00"),
        "30 days from the test clock's now: {trial_end}"
    );

    let mails = app.outbox();
    assert_eq!(mails.len(), 1, "one welcome mail");
    assert!(
        mails[0].contains("To: ada@acme.example") && mails[0].contains(&app.url(Some("acme"), "")),
        "{}",
        mails[0]
    );

    let (admin, reply) = login(&app, Some("acme"), "ada@acme.example", PASSWORD).await;
    reply.body.expect("tenant admin logs in");
    let portal: PortalView = app
        .call(&admin, Some("acme"), path_of::<PortalOverview>(), &[])
        .await
        .body
        .expect("portal");
    assert_eq!(portal.name, "acme");
    assert_eq!(portal.plan_name, "ERP Free Trial");
    assert_eq!(portal.state, TenantState::Trial);
    assert_eq!(portal.users.len(), 1);
    assert_eq!(portal.users[0].email, "ada@acme.example");
    assert_eq!(portal.users[0].role, "admin");
    assert!(portal.modules.contains(&"Accounting".to_string()));
    let page = admin
        .get(app.url(Some("acme"), "/portal"))
        .send()
        .await
        .expect("portal page")
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("ERP Free Trial") && page.contains("ada@acme.example"),
        "portal renders on the server"
    );

    let (operator, reply) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    reply.body.expect("operator logs in");
    let dash: DashboardView = app
        .call(&operator, None, path_of::<OperatorDashboard>(), &[])
        .await
        .body
        .expect("dashboard");
    assert_eq!(dash.live_tenants, 1);
    assert_eq!(
        dash.by_state
            .iter()
            .find(|c| c.state == TenantState::Trial)
            .map(|c| c.count),
        Some(1)
    );
    assert_eq!(dash.tenants[0].name, "acme");
}

async fn bare_instance_address_opens_the_portal(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    order_trial(&app, "acme", "ada@acme.example", "k-home")
        .await
        .body
        .expect("order");
    let res = app
        .client(Some("acme"))
        .get(app.url(Some("acme"), "/"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/portal");
    let res = app
        .client(Some("acme"))
        .get(app.url(Some("acme"), "/portal"))
        .header("accept", "text/html")
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 302, "anonymous visitors are sent to log in");
    assert_eq!(res.headers()["location"], "/login");
    let res = app
        .client(Some("nope"))
        .get(app.url(Some("nope"), "/portal"))
        .header("accept", "text/html")
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 404, "an unknown instance does not exist");
}

on_both_engines!(
    trial_order_provisions_a_working_instance,
    bare_instance_address_opens_the_portal
);
