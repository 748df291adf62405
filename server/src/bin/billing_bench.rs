//! The billing run at scale: N paid subscriptions renewing on the same day are invoiced,
//! charged (test card gateway) and applied by the production sweep code (`renew::run_due`), and a
//! second run of the same day must do nothing.
//! Prints the renewals per second and the process's peak memory. Built only with `--features
//! bench` (see `bench/billing.sh`).
//!
//! Usage: billing_bench [N]   (default 10000), with `BENCH_DATABASE_URL` for PostgreSQL (a
//! database it may fill; default: a SQLite file in a temporary folder).
use std::time::{Duration, Instant};

use app::backend::db::ts;
use app::backend::orders::change::renew;
use app::domain::pricing::Selection;
use chrono::Utc;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), String> {
    let n: i64 = std::env::args()
        .nth(1)
        .map(|a| a.parse().map_err(|_| format!("not a number: {a}")))
        .transpose()?
        .unwrap_or(10_000);
    let server::bench_launch::Bench {
        st,
        clock,
        start,
        dir,
    } = server::bench_launch::launch("billing-bench").await?;
    let engine = st.engine;
    let renew_on = start + chrono::Duration::days(365);
    let seeded = Instant::now();
    seed(&st.pool, n, start, renew_on).await?;
    println!(
        "engine: {engine:?}; seeded {n} subscriptions renewing on {} in {:.1} s",
        renew_on.date_naive(),
        seeded.elapsed().as_secs_f64()
    );

    clock.set(renew_on);
    let run = Instant::now();
    let mut renewed = 0;
    loop {
        let done = renew::run_due(&st).await.map_err(|e| e.to_string())?;
        renewed += done;
        // A paid renewal is applied with its record; a job applies only those awaiting a transfer.
        if !st.jobs.wait_idle(Duration::from_secs(600)).await {
            return Err("jobs did not finish".into());
        }
        if done == 0 {
            break;
        }
    }
    let seconds = run.elapsed().as_secs_f64();
    let (paid,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM payments WHERE status = 'captured' AND idempotency_key LIKE 'renewal:%'",
    )
    .fetch_one(&st.pool)
    .await
    .map_err(|e| e.to_string())?;
    let again = renew::run_due(&st).await.map_err(|e| e.to_string())?;
    println!(
        "renewed {renewed} (captured {paid}) in {seconds:.1} s: {:.0} renewals/s; a second run of the day renewed {again}",
        renewed as f64 / seconds
    );
    println!("peak memory (VmHWM): {}", peak_memory());
    let _ = std::fs::remove_dir_all(&dir);
    if renewed as i64 != n || paid != n || again != 0 {
        return Err(format!(
            "expected {n} renewals once, got {renewed} then {again}"
        ));
    }
    Ok(())
}

/// N customers, each with an active ERP Business yearly subscription (France, a stored test
/// card that pays), made with set-based inserts.
async fn seed(
    pool: &sqlx::AnyPool,
    n: i64,
    start: chrono::DateTime<Utc>,
    end: chrono::DateTime<Utc>,
) -> Result<(), String> {
    let e = |e: sqlx::Error| e.to_string();
    let selection = serde_json::to_string(&Selection {
        period_months: 12,
        ..Selection::default()
    })
    .map_err(|e| e.to_string())?;
    let (plan_id, storefront_id) = server::bench_launch::erp_business(pool).await?;
    let (s, e2) = (ts(start), ts(end));
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) \
         INSERT INTO customers (company, contact_name, email, created_at, billing_address, billing_country, vat_id) \
         SELECT 'Bench ' || i, 'Bench Buyer', 'b' || i || '@bench.example', $2, '1 rue de la Paix', 'FR', '' FROM n",
    )
    .bind(n)
    .bind(&s)
    .execute(pool)
    .await
    .map_err(e)?;
    sqlx::query(
        "INSERT INTO tenants (name, customer_id, plan_id, state, created_at, updated_at, db_engine) \
         SELECT 'bench' || c.id, c.id, $1, 'active', $2, $2, 'sqlite' FROM customers c \
         WHERE c.email LIKE '%@bench.example'",
    )
    .bind(plan_id)
    .bind(&s)
    .execute(pool)
    .await
    .map_err(e)?;
    sqlx::query(
        "INSERT INTO subscriptions (customer_id, plan_id, tenant_id, status, period_start, period_end, created_at, \
         selection_json, storefront_id, cancel_at_period_end, period_paid_minor, period_paid_from) \
         SELECT t.customer_id, t.plan_id, t.id, 'active', $1, $2, $1, $3, $4, 0, 49900, $1 FROM tenants t \
         WHERE t.name LIKE 'bench%'",
    )
    .bind(&s)
    .bind(&e2)
    .bind(&selection)
    .bind(storefront_id)
    .execute(pool)
    .await
    .map_err(e)?;
    sqlx::query(
        "INSERT INTO payment_methods (customer_id, gateway, token, brand, last4, exp_month, exp_year, created_at) \
         SELECT c.id, 'test_card', 'tok_test_00112233445566ff_ok', 'Visa', '4242', 12, 2030, $1 FROM customers c \
         WHERE c.email LIKE '%@bench.example'",
    )
    .bind(&s)
    .execute(pool)
    .await
    .map_err(e)?;
    Ok(())
}

/// The process's peak resident memory, as Linux reports it.
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}
