//! What the benchmark binaries share: a platform on a throwaway SQLite file (or the PostgreSQL
//! database `BENCH_DATABASE_URL` names), seeded with the demo catalog, on a clock they move.
use std::path::PathBuf;

use app::backend::config::Config;
use app::backend::state::AppState;
use app::domain::MovableClock;
use chrono::{DateTime, TimeZone, Utc};
use leptos::config::LeptosOptions;

use axum::body::Body;
use axum::Router;
use http::{header, Request, StatusCode};
use tower::ServiceExt;

use crate::startup::{prepare, Launch};

/// A prepared platform for a benchmark.
pub struct Bench {
    /// The platform's state.
    pub st: AppState,
    /// Its clock, which the benchmark moves.
    pub clock: MovableClock,
    /// When the clock started.
    pub start: DateTime<Utc>,
    /// The folder of its files (removed by the caller when done).
    pub dir: PathBuf,
}

/// Prepares the platform for benchmark `name`, its clock at 1 January 2026, 09:00 UTC.
pub async fn launch(name: &str) -> Result<Bench, String> {
    let dir = std::env::temp_dir().join(format!("tenantry-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut config = Config::from_env(0);
    config.database_url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}/platform.db", dir.display()));
    config.data_dir = dir.clone();
    config.mail = app::backend::config::MailConfig::Outbox(dir.join("outbox"));
    config.operator_password = Some("bench-password-123".into());
    config.seed_demo = true;
    config.base_domain = "localhost".into();
    let start = Utc
        .with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
        .single()
        .ok_or("date")?;
    let clock = MovableClock::new(start);
    let (st, _) = prepare(Launch {
        config,
        leptos_options: LeptosOptions::builder().output_name("tenantry").build(),
        clock: clock.shared(),
    })
    .await?;
    Ok(Bench {
        st,
        clock,
        start,
        dir,
    })
}

/// The demo catalog's ERP Business plan and its main storefront (ids), which the benchmarks'
/// fleets subscribe to.
pub async fn erp_business(pool: &sqlx::AnyPool) -> Result<(i64, i64), String> {
    let (plan_id,): (i64,) = sqlx::query_as("SELECT id FROM plans WHERE code = 'erp-business'")
        .fetch_one(pool)
        .await
        .map_err(|e| e.to_string())?;
    let (storefront_id,): (i64,) = sqlx::query_as("SELECT id FROM storefronts WHERE code = 'main'")
        .fetch_one(pool)
        .await
        .map_err(|e| e.to_string())?;
    Ok((plan_id, storefront_id))
}

/// `application/x-www-form-urlencoded` for plain ASCII fields.
pub fn form(pairs: &[(&str, &str)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                    (b as char).to_string()
                }
                b' ' => "+".into(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Posts a server function's form on `host`; returns the status, the session cookie set (if
/// any) and the body.
pub async fn post(
    router: &Router,
    host: &str,
    path: &str,
    body: String,
    cookie: Option<&str>,
) -> Result<(StatusCode, Option<String>, String), String> {
    let mut req = Request::post(path)
        .header(header::HOST, host)
        .header(header::ORIGIN, format!("http://{host}"))
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let res = router
        .clone()
        .oneshot(req.body(Body::from(body)).map_err(|e| e.to_string())?)
        .await
        .map_err(|e| e.to_string())?;
    let status = res.status();
    let cookie = res
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::to_string);
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .map_err(|e| e.to_string())?;
    Ok((status, cookie, String::from_utf8_lossy(&bytes).into_owned()))
}

/// GETs a page; returns its status and size.
pub async fn get(
    router: &Router,
    host: &str,
    path: &str,
    cookie: &str,
) -> Result<(StatusCode, usize), String> {
    let req = Request::get(path)
        .header(header::HOST, host)
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .map_err(|e| e.to_string())?;
    let res = router
        .clone()
        .oneshot(req)
        .await
        .map_err(|e| e.to_string())?;
    let status = res.status();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .map_err(|e| e.to_string())?;
    Ok((status, bytes.len()))
}
