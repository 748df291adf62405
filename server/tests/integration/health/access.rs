//! Every health and utilization function and page is the operator's: without a login 401 (the
//! page sends the browser to the login page), for another role 403, and nothing is checked or
//! saved for either; the operator checks only a running instance.
use super::{check_now, operator, page, paid};
use crate::common::*;
use app::api::health::{
    CheckTenantHealth, HealthSettings, HealthSettingsView, HealthSummary, SaveHealthSettings,
    TenantHealth,
};
use app::api::tenants::ActOnTenant;
use app::api::utilization::Utilization;
use app::backend::db::Engine;
use reqwest::{header, Client};

/// A logged-in account of the customer role on the storefront's host.
async fn customer(app: &TestApp) -> Client {
    let (hash,): (String,) = sqlx::query_as("SELECT password_hash FROM users WHERE email = $1")
        .bind(OPERATOR_EMAIL)
        .fetch_one(&app.pool)
        .await
        .expect("hash");
    sqlx::query(
        "INSERT INTO users (email, password_hash, full_name, role, created_at) \
         VALUES ('cy@customer.example', $1, 'Cy', 'customer', '2026-01-01T00:00:00Z')",
    )
    .bind(hash)
    .execute(&app.pool)
    .await
    .expect("customer");
    let (client, reply) = login(app, None, "cy@customer.example", OPERATOR_PASSWORD).await;
    reply.body.expect("customer login");
    client
}

async fn only_the_operator_reaches_health(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let id = paid(&app, "acme", "ada@acme.example", &[])
        .await
        .to_string();
    let settings = [
        ("interval", "1"),
        ("storage_warning", "10"),
        ("storage_critical", "20"),
        ("inactive_days", "1"),
        ("failed_warning", "1"),
        ("failed_critical", "2"),
    ];
    let tenant = [("tenant_id", id.as_str())];
    let calls: [(&str, &[(&str, &str)]); 6] = [
        (path_of::<HealthSummary>(), &[]),
        (path_of::<HealthSettings>(), &[]),
        (path_of::<SaveHealthSettings>(), &settings),
        (path_of::<TenantHealth>(), &tenant),
        (path_of::<CheckTenantHealth>(), &tenant),
        (path_of::<Utilization>(), &[]),
    ];
    let anonymous = app.client(None);
    let cy = customer(&app).await;
    for (path, form) in calls {
        let anonymous = app
            .call::<serde_json::Value>(&anonymous, None, path, form)
            .await;
        assert_eq!(anonymous.status, 401, "{path} without a login");
        let customer = app.call::<serde_json::Value>(&cy, None, path, form).await;
        assert_eq!(customer.status, 403, "{path} as a customer");
    }
    let res = anonymous
        .get(app.url(None, "/operator/health"))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .expect("page");
    assert_eq!(res.status(), 302);
    assert_eq!(
        res.headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok()),
        Some("/login")
    );
    assert_eq!(page(&app, &cy, "/operator/health").await.0, 403);
    assert_eq!(
        page(&app, &cy, &format!("/operator/tenants/{id}")).await.0,
        403
    );
    // Nothing was checked or saved.
    assert_eq!(app.count("SELECT COUNT(*) FROM health_checks").await, 0);
    let op = operator(&app).await;
    let kept: HealthSettingsView = app
        .call(&op, None, path_of::<HealthSettings>(), &[])
        .await
        .body
        .expect("settings");
    assert_eq!(kept.settings.interval_minutes, 5);
    assert!(kept.updated.is_none());
    let (status, html) = page(&app, &op, "/operator/health").await;
    assert_eq!(status, 200);
    assert!(html.contains("Tenant health") && html.contains(r#"href="/operator/health""#));
    // Only a running instance is checked, even by the operator.
    app.call::<()>(
        &op,
        None,
        path_of::<ActOnTenant>(),
        &[
            ("tenant_id", &id),
            ("action", "suspend"),
            ("reason", "unpaid"),
        ],
    )
    .await
    .body
    .expect("suspended");
    let refused = check_now(&app, &op, id.parse().expect("id")).await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.body.expect_err("refused").to_string(),
        "Only a running instance is checked; this one is suspended."
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM health_checks").await, 0);
}

on_both_engines!(only_the_operator_reaches_health);
