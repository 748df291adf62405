//! Rounds of checks on both engines: a tenant whose database server accepts the connection and
//! never answers is "not reachable (timed out)" within the timeout, and the round still checks
//! the tenants after it, one at a time; with two servers on one database each round runs once.
use std::time::{Duration, Instant};

use super::{operator, paid, stored_level, tenant_id};
use crate::common::*;
use app::backend::config::Config;
use app::backend::db::{ts, Engine};
use app::backend::provisioning::DbServer;
use app::domain::Clock;

/// A TCP server that accepts every connection and never says a word.
async fn stalled_server() -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    port
}

/// Rounds looked for every 100 ms, each check given one second, one check at a time; the
/// stalled server is configured after the platform's own, so new tenants still go there.
fn with_rounds(engine: Engine, stalled: u16) -> impl Fn(&mut Config) + Copy {
    move |c: &mut Config| {
        c.health.tick_every = Duration::from_millis(100);
        c.health.check_timeout = Duration::from_secs(1);
        c.health.concurrency = 1;
        let mut servers = Vec::new();
        if engine == Engine::Postgres {
            servers.push(DbServer::parse(&c.database_url));
        }
        servers.push(DbServer::parse(&format!(
            "stall=postgres://stall:stall@127.0.0.1:{stalled}/stall"
        )));
        c.tenant_db_servers = servers;
    }
}

async fn a_hung_database_times_out_and_the_round_checks_the_others(engine: Engine) {
    let configure = with_rounds(engine, stalled_server().await);
    let app = TestApp::spawn_with(engine, configure).await;
    let second = app.second_server_with(configure).await;
    let acme = paid(&app, "acme", "ada@acme.example", &[]).await;
    // A tenant whose database lives on the stalled server.
    sqlx::query(
        "INSERT INTO tenants (name, customer_id, plan_id, state, db_engine, db_server, db_name, db_password, created_at, updated_at) \
         SELECT 'stuck', customer_id, plan_id, 'active', 'postgres', 'stall', 'stuck', 'secret', created_at, updated_at \
         FROM tenants WHERE name = 'acme'",
    )
    .execute(&app.pool)
    .await
    .expect("stuck tenant");
    let stuck = tenant_id(&app, "stuck").await;
    order_trial(&app, "beta", "bea@beta.example", "k-beta")
        .await
        .body
        .expect("trial");
    let beta = tenant_id(&app, "beta").await;
    assert!(
        acme < stuck && stuck < beta,
        "the stuck one is checked in between"
    );
    let op = operator(&app).await;
    let saved = super::settings::save(&app, &op, ["1", "80", "95", "30", "1", "3"]).await;
    assert!(saved.body.is_ok(), "{:?}", saved.body);
    app.clock.advance(chrono::Duration::minutes(2));
    let since = ts(app.clock.now());
    let started = Instant::now();
    let checked = format!(
        "SELECT COUNT(DISTINCT tenant_id) FROM health_checks WHERE checked_at >= '{since}'"
    );
    while app.count(&checked).await < 3 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the round did not check every tenant"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // One second for the hung check, the rest well under it.
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    let (level, reason) = stored_level(&app, stuck).await;
    assert_eq!(level.as_deref(), Some("critical"));
    assert_eq!(reason, "not reachable (timed out)");
    let (ms,): (i64,) =
        sqlx::query_as("SELECT duration_ms FROM health_checks WHERE tenant_id = $1")
            .bind(stuck)
            .fetch_one(&app.pool)
            .await
            .expect("the stuck tenant's check");
    assert!((900..5000).contains(&ms), "{ms} ms");
    for id in [acme, beta] {
        assert_eq!(stored_level(&app, id).await.0.as_deref(), Some("healthy"));
    }
    let (detail,): (String,) = sqlx::query_as(
        "SELECT detail FROM tenant_events WHERE tenant_id = $1 AND event = 'health_changed'",
    )
    .bind(stuck)
    .fetch_one(&app.pool)
    .await
    .expect("event");
    assert_eq!(
        detail,
        "unchecked \u{2192} Critical: not reachable (timed out)"
    );
    // Both servers kept looking; the round ran once.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let per_tenant = format!(
        "SELECT COUNT(*) FROM health_checks WHERE checked_at >= '{since}' GROUP BY tenant_id \
         ORDER BY COUNT(*) DESC LIMIT 1"
    );
    assert_eq!(app.count(&per_tenant).await, 1, "one check per tenant");
    drop(second);
}

on_both_engines!(a_hung_database_times_out_and_the_round_checks_the_others);
