//! The utilization report of a small fleet on both engines: users and storage used against what
//! the subscriptions include, the tenant nearest to a limit, and the database server's tenants,
//! size and share of its configured capacity.
use super::{check_now, operator, page, paid, tenant_id};
use crate::common::*;
use app::api::health::HealthLevel;
use app::api::utilization::{Utilization, UtilizationView};
use app::backend::db::Engine;
use app::backend::utilization::DbCapacity;

async fn utilization_adds_up_a_small_fleet(engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| c.db_capacity = DbCapacity::parse(Some("1"))).await;
    // Users included: 10 (ERP Business), 10 + 2 extra, 3 (the ERP trial); storage 10 GB for
    // each paid plan, none for the trial.
    let acme = paid(&app, "acme", "ada@acme.example", &[]).await;
    let gamma = paid(
        &app,
        "gamma",
        "gil@gamma.example",
        &[("form[extra_users]", "2")],
    )
    .await;
    order_trial(&app, "beta", "bea@beta.example", "k-beta")
        .await
        .body
        .expect("trial");
    let beta = tenant_id(&app, "beta").await;
    let op = operator(&app).await;
    for id in [acme, gamma, beta] {
        assert_eq!(
            check_now(&app, &op, id).await.body,
            Ok(HealthLevel::Healthy)
        );
    }
    let size = app
        .count("SELECT CAST(SUM(health_size_bytes) AS BIGINT) FROM tenants")
        .await;
    let report: UtilizationView = app
        .call(&op, None, path_of::<Utilization>(), &[])
        .await
        .body
        .expect("report");
    assert_eq!((report.tenants, report.measured), (3, 3));
    let resource = |code: &str| {
        report
            .resources
            .iter()
            .find(|r| r.code == code)
            .cloned()
            .expect("resource")
    };
    let users = resource("users");
    assert_eq!(
        (users.tenants, users.included, users.used),
        (3, 25, Some(3))
    );
    assert_eq!(users.basis_points, Some(1200));
    let storage = resource("storage_gb");
    assert_eq!((storage.tenants, storage.included), (2, 20));
    assert_eq!(storage.included_text, "20 GB");
    assert_eq!(storage.used, Some(size));
    let nearest = &report.nearest[0];
    assert_eq!(
        (
            nearest.name.as_str(),
            nearest.resource.as_str(),
            nearest.basis_points,
            nearest.over
        ),
        ("beta", "Users", 3333, false)
    );
    assert_eq!(report.servers.len(), 1, "{:?}", report.servers);
    let server = &report.servers[0];
    let expected_id = match engine {
        Engine::Sqlite => "sqlite",
        Engine::Postgres => "127.0.0.1:5432",
    };
    assert_eq!((server.id.as_str(), server.tenants), (expected_id, 3));
    assert_eq!(server.size_bytes, size);
    assert_eq!(server.capacity_text, "1.0 GB");
    assert_eq!(server.basis_points, size * 10_000 / (1 << 30));
    let (_, html) = page(&app, &op, "/operator/health").await;
    assert!(html.contains(r#"<tr data-resource="users">"#), "{html}");
    assert!(
        html.contains(&format!(r#"<tr data-server="{expected_id}">"#)),
        "{html}"
    );
    assert!(
        html.contains(r#"<tr data-tenant="beta" data-over="false">"#),
        "{html}"
    );
}

on_both_engines!(utilization_adds_up_a_small_fleet);
