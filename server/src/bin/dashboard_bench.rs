//! The operator's dashboard at scale: a fleet of N tenants with two years of subscriptions,
//! changes, invoices and payments (`server::bench_fleet`), whose dashboard data (every KPI and
//! chart series, the billing summary, the action list, the feed) is read by the production code
//! (`dashboard::load`), before the sweep folded the history into monthly sums and after. Then
//! the live stream: D dashboards connected over HTTP to the real router, and the time until a
//! change reaches them all. Built only with `--features bench` (see `bench/dashboard.sh`).
//!
//! Usage: dashboard_bench [N] [D]   (defaults 100000 and 200), with `BENCH_DATABASE_URL` for
//! PostgreSQL (a database it may fill; default: a SQLite file in a temporary folder).
use std::time::{Duration, Instant};

use app::backend::{dashboard, live, mrr};
use server::bench_launch::{form, post};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const RUNS: usize = 20;

fn arg(i: usize, default: i64) -> Result<i64, String> {
    std::env::args()
        .nth(i)
        .map(|a| a.parse().map_err(|_| format!("not a number: {a}")))
        .transpose()
        .map(|v| v.unwrap_or(default))
}

fn median_p95(mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.95))
}

async fn time_load(st: &app::backend::state::AppState, months: u32) -> Result<(f64, f64), String> {
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        let view = dashboard::load(st, months)
            .await
            .map_err(|e| e.to_string())?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(view);
    }
    Ok(median_p95(times))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), String> {
    let n = arg(1, 100_000)?;
    let dashboards = usize::try_from(arg(2, 200)?).map_err(|e| e.to_string())?;
    let server::bench_launch::Bench {
        st,
        clock,
        start,
        dir,
    } = server::bench_launch::launch("dashboard-bench").await?;
    let engine = st.engine;
    let now = start + chrono::Months::new(24);
    clock.set(now);
    let seeding = Instant::now();
    let (invoices, movements) = server::bench_fleet::seed(&st.pool, engine, n, now).await?;
    println!(
        "engine: {engine:?}; seeded {n} tenants, {invoices} invoices and payments, {movements} MRR movements in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );
    for table in [
        "invoices",
        "payments",
        "subscriptions",
        "tenants",
        "tenant_events",
        "subscription_events",
        "mrr_movements",
    ] {
        // Fresh statistics and visibility, as a database in use has (autovacuum on PostgreSQL).
        let sql = match engine {
            app::backend::db::Engine::Postgres => format!("VACUUM ANALYZE {table}"),
            app::backend::db::Engine::Sqlite => format!("ANALYZE {table}"),
        };
        sqlx::query(&sql)
            .execute(&st.pool)
            .await
            .map_err(|e| e.to_string())?;
    }
    for months in [12, 24] {
        let (median, p95) = time_load(&st, months).await?;
        println!("dashboard data, {months} months, history not folded yet: median {median:.1} ms, p95 {p95:.1} ms");
    }
    let folding = Instant::now();
    let folded = mrr::fold::run(&st.pool, now)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "the sweep folded {folded} events into monthly sums in {:.1} s",
        folding.elapsed().as_secs_f64()
    );
    let (median, p95) = time_load(&st, 12).await?;
    println!(
        "dashboard data, 12 months, just after the fold: median {median:.1} ms, p95 {p95:.1} ms"
    );
    if engine == app::backend::db::Engine::Postgres {
        // What autovacuum does soon after so many rows changed: the folded rows' old versions
        // leave the index of rows not folded yet.
        for table in ["mrr_movements", "tenant_events", "subscription_events"] {
            sqlx::query(&format!("VACUUM ANALYZE {table}"))
                .execute(&st.pool)
                .await
                .map_err(|e| e.to_string())?;
        }
    }
    for months in [3, 12, 24] {
        let (median, p95) = time_load(&st, months).await?;
        println!("dashboard data, {months} months: median {median:.1} ms, p95 {p95:.1} ms");
    }
    parts(&st, now).await?;
    let view = dashboard::load(&st, 24).await.map_err(|e| e.to_string())?;
    let eur = view.revenue.first().ok_or("no revenue")?;
    println!(
        "MRR {} minor units over {} customers; {} live tenants",
        eur.mrr_minor, eur.customers, view.live_tenants
    );

    // The live stream over HTTP.
    live::spawn(st.clone());
    let sessions = server::sessions::SessionBackend::connect(&st.config.database_url).await?;
    let router = server::router::router(st.clone(), sessions);
    let login = <app::api::auth::Login as leptos::server_fn::ServerFn>::PATH;
    let (status, cookie, body) = post(
        &router,
        "localhost",
        login,
        form(&[
            ("email", &st.config.operator_email),
            ("password", "bench-password-123"),
        ]),
        None,
    )
    .await?;
    let cookie = cookie.ok_or(format!("no login: {status} {body}"))?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    tokio::spawn(async move {
        let _ = axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await;
    });
    let mut streams = Vec::with_capacity(dashboards);
    for _ in 0..dashboards {
        let mut s = tokio::net::TcpStream::connect(addr)
            .await
            .map_err(|e| e.to_string())?;
        let req = format!(
            "GET /operator/live HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nCookie: {cookie}\r\n\r\n"
        );
        s.write_all(req.as_bytes())
            .await
            .map_err(|e| e.to_string())?;
        until(&mut s, "event: hello").await?;
        streams.push(s);
    }
    println!(
        "{dashboards} dashboards connected ({} listening)",
        st.live.listeners()
    );
    let (tenant_id,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM tenants")
        .fetch_one(&st.pool)
        .await
        .map_err(|e| e.to_string())?;
    let sent = Instant::now();
    sqlx::query(
        "INSERT INTO tenant_events (tenant_id, event, from_state, to_state, actor, detail, created_at) \
         VALUES ($1, 'note', 'active', 'active', 'bench', 'a change', $2)",
    )
    .bind(tenant_id)
    .bind(app::backend::db::ts(now))
    .execute(&st.pool)
    .await
    .map_err(|e| e.to_string())?;
    let mut waits = tokio::task::JoinSet::new();
    for mut s in streams {
        waits.spawn(async move { until(&mut s, "event: change").await.map(|_| sent.elapsed()) });
    }
    let mut slowest = Duration::ZERO;
    while let Some(done) = waits.join_next().await {
        slowest = slowest.max(done.map_err(|e| e.to_string())??);
    }
    println!(
        "one change reached all {dashboards} dashboards in {:.0} ms (the poll is every {} ms)",
        slowest.as_secs_f64() * 1000.0,
        live::POLL.as_millis()
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Times each part of the dashboard's data on its own (medians), to see where the time goes.
async fn parts(
    st: &app::backend::state::AppState,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), String> {
    use app::backend::dashboard::{actions, billing, tenants};
    let e = |e: app::error::AppError| e.to_string();
    let stamp = app::backend::db::ts(now);
    let mut line = Vec::new();
    macro_rules! part {
        ($name:literal, $call:expr) => {{
            let mut times = Vec::with_capacity(RUNS);
            for _ in 0..RUNS {
                let t = Instant::now();
                std::hint::black_box($call.await.map_err(e)?);
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            line.push(format!("{} {:.1}", $name, median_p95(times).0));
        }};
    }
    part!("monthly sums", mrr::fold::read(&st.pool));
    let sums = mrr::fold::read(&st.pool).await.map_err(e)?;
    part!("tenant counts", tenants::counts(st, &sums));
    part!("billing", billing::summary(st, now));
    part!("actions", actions::needed(st, &stamp));
    part!("newest tenants", tenants::newest(st, 20));
    part!("feed", live::feed::latest(st, 30));
    // Kept between changes (`Live::fleet`); read again after each change.
    part!("health (after a change)", app::backend::health::summary(st));
    part!(
        "utilization (after a change)",
        app::backend::utilization::report(st)
    );
    println!("parts (median ms): {}", line.join(", "));
    Ok(())
}

/// Reads from `s` until `marker` arrives (10 s at most).
async fn until(s: &mut tokio::net::TcpStream, marker: &str) -> Result<(), String> {
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + Duration::from_secs(10);
    while !String::from_utf8_lossy(&seen).contains(marker) {
        let left = deadline.saturating_duration_since(Instant::now());
        let n = tokio::time::timeout(left, s.read(&mut buf))
            .await
            .map_err(|_| format!("no {marker} within 10 s"))?
            .map_err(|e| e.to_string())?;
        if n == 0 {
            return Err(format!("stream closed before {marker}"));
        }
        seen.extend_from_slice(&buf[..n]);
    }
    Ok(())
}
