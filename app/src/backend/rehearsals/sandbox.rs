//! A rehearsal's world: its own SQLite database (the platform schema) in a temporary folder, a
//! clock of its own, a mailer that keeps mail instead of sending it, and no database servers, so
//! that the platform's own code (the sweep, renewals, dunning) runs on the copy unchanged and can
//! reach nothing real. Between requests the database is kept as bytes in the platform database.
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::backend::config::MailConfig;
use crate::backend::db::{self, platform_migrator, Engine};
use crate::backend::jobs::JobTracker;
use crate::backend::mail::Mailer;
use crate::backend::state::AppState;
use crate::backend::storefront_cache::StorefrontCache;
use crate::domain::MovableClock;
use crate::error::{AppError, Result};

/// An open rehearsal database and the state that runs the platform's code on it.
pub struct Sandbox {
    dir: tempfile::TempDir,
    /// The platform's code runs on this state: the copy's pool, clock and mailer.
    pub state: AppState,
    /// The copy's clock (shared with `state`).
    pub clock: MovableClock,
}

fn io(e: std::io::Error) -> AppError {
    tracing::error!(error = %e, "rehearsal file");
    AppError::Internal
}

impl Sandbox {
    /// An empty copy (the platform schema, no rows) with its clock at `now`.
    pub async fn empty(real: &AppState, now: DateTime<Utc>) -> Result<Sandbox> {
        Sandbox::with_file(real, None, now).await
    }

    /// The copy `bytes` hold (as [`Sandbox::into_bytes`] made them), with its clock at `now`;
    /// migrations added since it was made are applied.
    pub async fn open(real: &AppState, bytes: &[u8], now: DateTime<Utc>) -> Result<Sandbox> {
        Sandbox::with_file(real, Some(bytes), now).await
    }

    async fn with_file(
        real: &AppState,
        bytes: Option<&[u8]>,
        now: DateTime<Utc>,
    ) -> Result<Sandbox> {
        let dir = tempfile::Builder::new()
            .prefix("tenantry-rehearsal-")
            .tempdir()
            .map_err(io)?;
        let path = dir.path().join("rehearsal.db");
        if let Some(bytes) = bytes {
            tokio::fs::write(&path, bytes).await.map_err(io)?;
        }
        let url = format!("sqlite://{}", path.display());
        let pool = db::connect(&url, 4).await?;
        platform_migrator(Engine::Sqlite)
            .run(&pool)
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "rehearsal migrations");
                AppError::Internal
            })?;
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS rehearsal_mails (id INTEGER PRIMARY KEY, sent_at TEXT NOT NULL, \
             recipient TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL)",
        )
        .execute(&pool)
        .await?;
        let mut config = (*real.config).clone();
        config.database_url = url;
        config.data_dir = PathBuf::from(dir.path());
        config.mail = MailConfig::Outbox(dir.path().join("outbox"));
        config.tenant_db_servers = Vec::new();
        config.provisioning_fault = None;
        config.outcome_fault = None;
        let clock = MovableClock::new(now);
        let state = AppState {
            leptos_options: real.leptos_options.clone(),
            pool,
            engine: Engine::Sqlite,
            config: Arc::new(config),
            clock: clock.shared(),
            mailer: Arc::new(Mailer::kept()),
            jobs: Arc::new(JobTracker::with_slots(2)),
            passwords: real.passwords.clone(),
            storefront_cache: Arc::new(StorefrontCache::new(Engine::Sqlite)),
            live: Arc::default(),
        };
        Ok(Sandbox { dir, state, clock })
    }

    /// Closes the copy and returns its bytes, compacted, to keep.
    pub async fn into_bytes(self) -> Result<Vec<u8>> {
        let out = self.dir.path().join("kept.db");
        let quoted = out.display().to_string().replace('\'', "''");
        sqlx::query(&format!("VACUUM INTO '{quoted}'"))
            .execute(&self.state.pool)
            .await?;
        self.state.pool.close().await;
        tokio::fs::read(&out).await.map_err(io)
    }

    /// Closes the copy without keeping anything.
    pub async fn close(self) {
        self.state.pool.close().await;
    }
}
