//! The portal at scale: a tenant with 1,000 users and 500 invoices (a paid subscription renewed
//! 499 times by the production sweep code), whose admin opens the portal's pages. Each page is
//! rendered by the real router in process (every middleware, the session, the server functions
//! and the HTML), so the time printed is the server's, without a network. Built only with
//! `--features bench` (see `bench/portal.sh`).
//!
//! Usage: portal_bench, with `BENCH_DATABASE_URL` for PostgreSQL (a database it may fill;
//! default: a SQLite file in a temporary folder).
use std::time::{Duration, Instant};

use app::backend::db::{parse_ts, ts};
use app::backend::orders::change::renew;
use http::StatusCode;
use leptos::server_fn::ServerFn;
use server::bench_launch::{form, get, post};

const USERS: i64 = 1_000;
const INVOICES: i64 = 500;
const RUNS: usize = 30;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), String> {
    let server::bench_launch::Bench {
        st,
        clock,
        start,
        dir,
    } = server::bench_launch::launch("portal-bench").await?;
    let sessions = server::sessions::SessionBackend::connect(&st.config.database_url).await?;
    let router = server::router::router(st.clone(), sessions);
    let engine = st.engine;
    let seeded = Instant::now();

    // A paid subscription, provisioned by the real job.
    let order = [
        ("form[plan]", "erp-business"),
        ("form[company]", "Bench Ltd"),
        ("form[contact_name]", "Ada Admin"),
        ("form[email]", "ada@bench.example"),
        ("form[password]", "a-bench-password-1"),
        ("form[instance_name]", "bench"),
        ("form[idempotency_key]", "bench-order"),
        ("form[period_months]", "12"),
        ("form[billing_country]", "FR"),
        ("form[billing_address]", "1 rue de la Paix\n75002 Paris"),
        ("form[payment_method]", "card"),
        ("form[card_number]", "4242 4242 4242 4242"),
        ("form[card_exp_month]", "12"),
        ("form[card_exp_year]", "2030"),
        ("form[card_cvc]", "123"),
    ];
    let place = <app::api::orders::PlaceOrder as ServerFn>::PATH;
    let (status, _, body) = post(&router, "localhost", place, form(&order), None).await?;
    if !status.is_success() {
        return Err(format!("order: {status} {body}"));
    }
    if !st.jobs.wait_idle(Duration::from_secs(120)).await {
        return Err("provisioning did not finish".into());
    }
    // The card outlives five centuries of renewals.
    sqlx::query("UPDATE payment_methods SET exp_year = 2999")
        .execute(&st.pool)
        .await
        .map_err(|e| e.to_string())?;
    for _ in 1..INVOICES {
        let (end,): (String,) = sqlx::query_as("SELECT period_end FROM subscriptions")
            .fetch_one(&st.pool)
            .await
            .map_err(|e| e.to_string())?;
        clock.set(parse_ts(&end).ok_or("period end")?);
        renew::run_due(&st).await.map_err(|e| e.to_string())?;
        if !st.jobs.wait_idle(Duration::from_secs(60)).await {
            return Err("renewal jobs did not finish".into());
        }
    }
    // 999 more users, in the platform and in the instance's own database.
    let (tenant_id, hash): (i64, String) = sqlx::query_as(
        "SELECT tenant_id, password_hash FROM users WHERE email = 'ada@bench.example'",
    )
    .fetch_one(&st.pool)
    .await
    .map_err(|e| e.to_string())?;
    let db = app::backend::provisioning::TenantDb::of_tenant(&st.pool, tenant_id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no instance database")?;
    let mut instance = db.connect(&st.config).await.map_err(|e| e.to_string())?;
    let mut tx = app::backend::db::begin(&st.pool)
        .await
        .map_err(|e| e.to_string())?;
    for i in 1..USERS {
        let email = format!("user{i:04}@bench.example");
        sqlx::query(
            "INSERT INTO users (email, password_hash, full_name, role, tenant_id, created_at) VALUES ($1, $2, $3, 'tenant_user', $4, $5)",
        )
        .bind(&email)
        .bind(&hash)
        .bind(format!("User {i:04}"))
        .bind(tenant_id)
        .bind(ts(start))
        .execute(&mut *tx)
        .await
        .map_err(|e| e.to_string())?;
        sqlx::query(
            "INSERT INTO users (email, full_name, password_hash, role, created_at) VALUES ($1, $2, $3, 'user', $4)",
        )
        .bind(&email)
        .bind(format!("User {i:04}"))
        .bind(&hash)
        .bind(ts(start))
        .execute(&mut instance)
        .await
        .map_err(|e| e.to_string())?;
    }
    tx.commit().await.map_err(|e| e.to_string())?;
    let (invoices,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM invoices")
        .fetch_one(&st.pool)
        .await
        .map_err(|e| e.to_string())?;
    let (users,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users WHERE tenant_id = $1")
        .bind(tenant_id)
        .fetch_one(&st.pool)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "engine: {engine:?}; seeded a tenant with {users} users and {invoices} invoices in {:.1} s",
        seeded.elapsed().as_secs_f64()
    );

    // The admin logs in on the instance's host and opens each portal page.
    let host = "bench.localhost";
    let login = <app::api::auth::Login as ServerFn>::PATH;
    let creds = form(&[
        ("email", "ada@bench.example"),
        ("password", "a-bench-password-1"),
    ]);
    let (status, cookie, body) = post(&router, host, login, creds, None).await?;
    let cookie = cookie.ok_or_else(|| format!("no session: {status} {body}"))?;
    for page in [
        "/portal",
        "/portal/members",
        "/portal/billing",
        "/portal/subscription",
    ] {
        let mut times = Vec::with_capacity(RUNS);
        let mut size = 0;
        for run in 0..RUNS + 3 {
            let t = Instant::now();
            let (status, bytes) = get(&router, host, page, &cookie).await?;
            let took = t.elapsed();
            if status != StatusCode::OK {
                return Err(format!("{page}: {status}"));
            }
            size = bytes;
            // The first three warm the caches and the connection pool.
            if run >= 3 {
                times.push(took);
            }
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{page:<22} median {:>6.1} ms  p95 {:>6.1} ms  ({} KB of HTML)",
            ms(times[RUNS / 2]),
            ms(times[RUNS * 95 / 100]),
            size / 1024
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
