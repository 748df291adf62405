//! Tenant health on both engines: a running instance checked now is healthy and its page shows
//! the check; one whose database is gone is critical with the reason and a `health_changed`
//! event; storage over the operator's threshold is a warning. The other files: a round that
//! times out a hung database and still checks the others, once across two servers (rounds);
//! the settings refused with the field named and nothing saved (settings); 401 and 403 for every
//! new function and page (access); the utilization report of a small fleet (utilization).
mod access;
mod rounds;
mod settings;
mod utilization;

use crate::common::*;
use app::api::dashboard::{ActionKind, DashboardView, OperatorDashboard};
use app::api::health::{CheckTenantHealth, HealthLevel, HealthSummary, HealthSummaryView};
use app::api::orders::PlaceOrder;
use app::backend::db::{ts, Engine};
use app::domain::Clock;
use reqwest::{header, Client};
use sqlx::{Connection, Executor};

/// The id of the tenant called `name`.
pub async fn tenant_id(app: &TestApp, name: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM tenants WHERE name = $1")
        .bind(name)
        .fetch_one(&app.pool)
        .await
        .expect("tenant");
    id
}

/// A paid ERP Business tenant called `name`, ordered by `email`, with `extra` form fields.
pub async fn paid(app: &TestApp, name: &str, email: &str, extra: &[(&str, &str)]) -> i64 {
    let key = format!("k-{name}");
    let mut fields = vec![("form[email]", email)];
    fields.extend_from_slice(extra);
    let form = paid_form(name, &key, &fields);
    app.call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &form)
        .await
        .body
        .expect("paid order");
    tenant_id(app, name).await
}

/// The operator, logged in.
pub async fn operator(app: &TestApp) -> Client {
    let (op, reply) = login(app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    reply.body.expect("operator login");
    op
}

/// Checks a tenant now as `who`.
pub async fn check_now(app: &TestApp, who: &Client, id: i64) -> Reply<HealthLevel> {
    let id = id.to_string();
    app.call(
        who,
        None,
        path_of::<CheckTenantHealth>(),
        &[("tenant_id", &id)],
    )
    .await
}

/// A page of the storefront host as `who` sees it: status and HTML.
pub async fn page(app: &TestApp, who: &Client, path: &str) -> (u16, String) {
    let res = who
        .get(app.url(None, path))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .expect("page");
    let status = res.status().as_u16();
    (status, res.text().await.expect("html"))
}

/// The tenant's current level and reason as stored.
pub async fn stored_level(app: &TestApp, id: i64) -> (Option<String>, String) {
    sqlx::query_as("SELECT health_level, health_reason FROM tenants WHERE id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .expect("level")
}

/// Deletes an instance's database behind the platform's back.
async fn drop_instance_database(app: &TestApp, name: &str) {
    let db = app.tenant_db(name).await;
    match app.engine {
        Engine::Sqlite => std::fs::remove_file(&db.name).expect("remove the file"),
        Engine::Postgres => {
            let mut admin = sqlx::PgConnection::connect(&pg_admin_url())
                .await
                .expect("admin");
            admin
                .execute(format!("DROP DATABASE \"{}\" WITH (FORCE)", db.name).as_str())
                .await
                .expect("drop database");
        }
    }
}

async fn a_running_instance_is_healthy_and_its_page_shows_the_check(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let id = paid(&app, "acme", "ada@acme.example", &[]).await;
    let op = operator(&app).await;
    let (_, html) = page(&app, &op, &format!("/operator/tenants/{id}")).await;
    assert!(html.contains("Not checked yet."), "before any check");
    let reply = check_now(&app, &op, id).await;
    assert_eq!(reply.body, Ok(HealthLevel::Healthy));
    assert_eq!(
        stored_level(&app, id).await,
        (Some("healthy".into()), String::new())
    );
    let (reachable, size, users): (i64, i64, i64) = sqlx::query_as(
        "SELECT reachable, size_bytes, users FROM health_checks WHERE tenant_id = $1 ORDER BY id LIMIT 1",
    )
    .bind(id)
    .fetch_one(&app.pool)
    .await
    .expect("the first check");
    assert_eq!((reachable, users), (1, 1), "the admin is the one user");
    assert!(size > 0, "a database has a size");
    // A write to the instance an hour later is its last activity at the next check.
    app.clock.advance(chrono::Duration::hours(1));
    let mut conn = sqlx::AnyConnection::connect(&app.tenant_url("acme").await)
        .await
        .expect("instance");
    sqlx::query("INSERT INTO contacts (name, email, demo) VALUES ('Zed', 'zed@example.com', 0)")
        .execute(&mut conn)
        .await
        .expect("write");
    conn.close().await.expect("close");
    assert_eq!(
        check_now(&app, &op, id).await.body,
        Ok(HealthLevel::Healthy)
    );
    let (activity,): (Option<String>,) = sqlx::query_as(
        "SELECT last_activity_at FROM health_checks WHERE tenant_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(id)
    .fetch_one(&app.pool)
    .await
    .expect("second check");
    assert_eq!(activity, Some(ts(app.clock.now())));
    // A first check that finds nothing wrong is no event.
    let events = app
        .count("SELECT COUNT(*) FROM tenant_events WHERE event = 'health_changed'")
        .await;
    assert_eq!(events, 0);
    let (status, html) = page(&app, &op, &format!("/operator/tenants/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Health checks, newest first"), "{html}");
    assert!(html.contains(r#"<tr data-level="healthy">"#), "{html}");
    assert!(html.contains(r#"data-field="health" data-level="healthy""#));
    assert!(html.contains("Check now"));
}

async fn an_instance_whose_database_is_gone_is_critical_with_the_reason(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let id = paid(&app, "acme", "ada@acme.example", &[]).await;
    let op = operator(&app).await;
    assert_eq!(
        check_now(&app, &op, id).await.body,
        Ok(HealthLevel::Healthy)
    );
    drop_instance_database(&app, "acme").await;
    assert_eq!(
        check_now(&app, &op, id).await.body,
        Ok(HealthLevel::Critical)
    );
    let (level, reason) = stored_level(&app, id).await;
    assert_eq!(level.as_deref(), Some("critical"));
    assert!(reason.starts_with("not reachable ("), "{reason}");
    let (detail, actor): (String, String) = sqlx::query_as(
        "SELECT detail, actor FROM tenant_events WHERE tenant_id = $1 AND event = 'health_changed'",
    )
    .bind(id)
    .fetch_one(&app.pool)
    .await
    .expect("one health_changed event");
    assert_eq!(detail, format!("Healthy \u{2192} Critical: {reason}"));
    assert_eq!(actor, format!("operator:{OPERATOR_EMAIL}"));
    // The same level again is no new event.
    check_now(&app, &op, id).await;
    let events = app
        .count("SELECT COUNT(*) FROM tenant_events WHERE event = 'health_changed'")
        .await;
    assert_eq!(events, 1);
    let summary: HealthSummaryView = app
        .call(&op, None, path_of::<HealthSummary>(), &[])
        .await
        .body
        .expect("summary");
    assert_eq!(
        (
            summary.healthy,
            summary.warning,
            summary.critical,
            summary.unchecked
        ),
        (0, 0, 1, 0)
    );
    assert_eq!(summary.attention.len(), 1);
    assert_eq!(summary.attention[0].name, "acme");
    assert_eq!(summary.attention[0].reason, reason);
    let (_, html) = page(&app, &op, "/operator/health").await;
    assert!(
        html.contains(r#"<tr data-tenant="acme" data-level="critical">"#),
        "{html}"
    );
    // The dashboard's action list names it.
    let dashboard: DashboardView = app
        .call(&op, None, path_of::<OperatorDashboard>(), &[])
        .await
        .body
        .expect("dashboard");
    let critical: Vec<_> = dashboard
        .actions
        .iter()
        .filter(|a| a.kind == ActionKind::CriticalHealth)
        .collect();
    assert_eq!(critical.len(), 1, "{:?}", dashboard.actions);
    assert_eq!(critical[0].detail, reason);
    assert_eq!(critical[0].href, format!("/operator/tenants/{id}"));
    // The tenant's history has the change too.
    let (_, html) = page(&app, &op, &format!("/operator/tenants/{id}")).await;
    assert!(
        html.contains(r#"<tr data-event="health_changed">"#),
        "{html}"
    );
}

async fn storage_over_the_threshold_is_a_warning(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let id = paid(&app, "acme", "ada@acme.example", &[]).await;
    let op = operator(&app).await;
    assert_eq!(
        check_now(&app, &op, id).await.body,
        Ok(HealthLevel::Healthy)
    );
    let (size,): (i64,) = sqlx::query_as("SELECT health_size_bytes FROM tenants WHERE id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .expect("size");
    // The catalog counts storage in MB and the plan includes a little more than the instance
    // holds: well under 100 %, over 1 % on either engine (an empty PostgreSQL database is some
    // 8 MB, an SQLite file some kilobytes).
    let included = size / (1 << 20) + 2;
    sqlx::query("UPDATE resources SET unit = 'MB' WHERE code = 'storage_gb'")
        .execute(&app.pool)
        .await
        .expect("unit");
    sqlx::query(
        "UPDATE plan_resource_rates SET included = $1 WHERE plan_id = (SELECT plan_id FROM tenants WHERE id = $2) \
         AND resource_id = (SELECT id FROM resources WHERE code = 'storage_gb')",
    )
    .bind(included)
    .bind(id)
    .execute(&app.pool)
    .await
    .expect("quota");
    let saved = settings::save(&app, &op, ["5", "1", "100", "30", "1", "3"]).await;
    assert!(saved.body.is_ok(), "{:?}", saved.body);
    assert_eq!(
        check_now(&app, &op, id).await.body,
        Ok(HealthLevel::Warning)
    );
    let (level, reason) = stored_level(&app, id).await;
    assert_eq!(level.as_deref(), Some("warning"));
    assert!(
        reason.starts_with("storage at ") && reason.contains(&format!("of {included}.0 MB")),
        "{reason}"
    );
}

on_both_engines!(
    a_running_instance_is_healthy_and_its_page_shows_the_check,
    an_instance_whose_database_is_gone_is_critical_with_the_reason,
    storage_over_the_threshold_is_a_warning,
);
