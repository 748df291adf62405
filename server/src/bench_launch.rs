//! What the benchmark binaries share: a platform on a throwaway SQLite file (or the PostgreSQL
//! database `BENCH_DATABASE_URL` names), seeded with the demo catalog, on a clock they move.
use std::path::PathBuf;

use app::backend::config::Config;
use app::backend::state::AppState;
use app::domain::MovableClock;
use chrono::{DateTime, TimeZone, Utc};
use leptos::config::LeptosOptions;

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
