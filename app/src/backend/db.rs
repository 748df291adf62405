//! Database connections on SQLite and PostgreSQL through one `AnyPool`.
use chrono::{DateTime, Utc};
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::AnyPool;

/// The platform database engines Tenantry runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Embedded SQLite (the default).
    Sqlite,
    /// PostgreSQL (production).
    Postgres,
}

impl Engine {
    /// Which engine a connection URL names.
    pub fn of_url(url: &str) -> Result<Engine, String> {
        if url.starts_with("sqlite:") {
            Ok(Engine::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Engine::Postgres)
        } else {
            Err(format!(
                "unsupported database URL (want sqlite:// or postgres://): {url}"
            ))
        }
    }

    /// The engine's name as stored in a column (`sqlite` or `postgres`).
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }

    /// The engine a stored name names.
    pub fn parse(name: &str) -> Option<Engine> {
        match name {
            "sqlite" => Some(Engine::Sqlite),
            "postgres" => Some(Engine::Postgres),
            _ => None,
        }
    }
}

static PLATFORM_SQLITE: Migrator = sqlx::migrate!("../migrations/platform/sqlite");
static PLATFORM_POSTGRES: Migrator = sqlx::migrate!("../migrations/platform/postgres");
static TENANT_SQLITE: Migrator = sqlx::migrate!("../migrations/tenant/sqlite");
static TENANT_POSTGRES: Migrator = sqlx::migrate!("../migrations/tenant/postgres");

/// The platform schema's migrations for an engine.
pub fn platform_migrator(engine: Engine) -> &'static Migrator {
    match engine {
        Engine::Sqlite => &PLATFORM_SQLITE,
        Engine::Postgres => &PLATFORM_POSTGRES,
    }
}

/// A tenant instance's schema migrations for an engine.
pub fn tenant_migrator(engine: Engine) -> &'static Migrator {
    match engine {
        Engine::Sqlite => &TENANT_SQLITE,
        Engine::Postgres => &TENANT_POSTGRES,
    }
}

/// Adds `mode=rwc` to SQLite URLs so that the file is created when missing.
pub fn with_create_mode(url: &str) -> String {
    if url.starts_with("sqlite:") && !url.contains("mode=") && !url.contains(":memory:") {
        let sep = if url.contains('?') { '&' } else { '?' };
        format!("{url}{sep}mode=rwc")
    } else {
        url.to_string()
    }
}

/// Opens a pool on a URL (creating a SQLite file if needed).
pub async fn connect(url: &str, max_connections: u32) -> Result<AnyPool, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let engine = Engine::of_url(url).map_err(|e| sqlx::Error::Configuration(e.into()))?;
    let pool = AnyPoolOptions::new()
        .max_connections(max_connections)
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if engine == Engine::Sqlite {
                    sqlx::query("PRAGMA foreign_keys = ON")
                        .execute(&mut *conn)
                        .await?;
                    sqlx::query("PRAGMA busy_timeout = 15000")
                        .execute(&mut *conn)
                        .await?;
                }
                Ok(())
            })
        })
        .connect(&with_create_mode(url))
        .await?;
    if engine == Engine::Sqlite {
        sqlx::query("PRAGMA journal_mode = WAL")
            .execute(&pool)
            .await?;
    }
    Ok(pool)
}

/// The engine a pool talks to.
pub fn engine_of(pool: &AnyPool) -> Engine {
    if pool.connect_options().database_url.scheme() == "sqlite" {
        Engine::Sqlite
    } else {
        Engine::Postgres
    }
}

/// Starts a write transaction. On SQLite it begins `IMMEDIATE`, taking the write lock at once
/// (waiting up to the busy timeout) rather than failing with "database is locked" when a
/// deferred transaction later tries to turn from reading into writing.
pub async fn begin(pool: &AnyPool) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
    match engine_of(pool) {
        Engine::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await,
        Engine::Postgres => pool.begin().await,
    }
}

/// Runs an all-or-nothing write again, up to five times with a growing pause, while it fails
/// inside (the database busy or locked, no connection free in time: the cause is logged where the
/// error was made); an error that answers the request, such as a conflict, returns at once.
pub async fn retrying<T, F, Fut>(what: &str, mut write: F) -> crate::error::Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = crate::error::Result<T>>,
{
    let mut pause = std::time::Duration::from_millis(100);
    for _ in 1..5 {
        match write().await {
            Err(crate::error::AppError::Internal) => {
                tracing::warn!(what, "write failed; trying again");
                tokio::time::sleep(pause).await;
                pause *= 3;
            }
            done => return done,
        }
    }
    write().await
}

/// Timestamps are stored as fixed-width UTC RFC 3339 text on both engines, so they sort as text.
pub fn ts(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// Reads a stored timestamp back.
pub fn parse_ts(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// A stored timestamp shown to the minute with its time zone, `YYYY-MM-DD HH:MM UTC`.
pub fn show_minute(stored: &str) -> String {
    let minute = stored
        .chars()
        .take(16)
        .collect::<String>()
        .replace('T', " ");
    format!("{minute} UTC")
}

/// A stored timestamp shown as its day, `YYYY-MM-DD` (UTC).
pub fn show_day(stored: &str) -> String {
    stored.chars().take(10).collect()
}

/// Whether an error is a unique-constraint violation on the given table.
pub fn is_unique_violation(e: &sqlx::Error, table: &str) -> bool {
    match e.as_database_error() {
        Some(d) if d.is_unique_violation() => {
            d.constraint()
                .map(|c| c.starts_with(table))
                .unwrap_or(false)
                || d.message().contains(&format!("{table}."))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_is_read_from_the_url() {
        assert_eq!(Engine::of_url("sqlite://x.db"), Ok(Engine::Sqlite));
        assert_eq!(Engine::of_url("postgres://u@h/db"), Ok(Engine::Postgres));
        assert!(Engine::of_url("mysql://h/db").is_err());
    }

    #[test]
    fn sqlite_urls_get_create_mode_once() {
        assert_eq!(with_create_mode("sqlite://a.db"), "sqlite://a.db?mode=rwc");
        assert_eq!(
            with_create_mode("sqlite://a.db?x=1"),
            "sqlite://a.db?x=1&mode=rwc"
        );
        assert_eq!(
            with_create_mode("sqlite://a.db?mode=ro"),
            "sqlite://a.db?mode=ro"
        );
        assert_eq!(with_create_mode("postgres://h/d"), "postgres://h/d");
    }

    #[test]
    fn timestamps_round_trip_and_sort_as_text() {
        let a = DateTime::parse_from_rfc3339("2026-01-02T03:04:05Z").map(|t| t.with_timezone(&Utc));
        let a = a.expect("valid");
        let b = a + chrono::Duration::milliseconds(1500);
        assert_eq!(parse_ts(&ts(a)), Some(a));
        assert!(ts(a) < ts(b));
        assert_eq!(show_minute(&ts(a)), "2026-01-02 03:04 UTC");
        assert_eq!(show_day(&ts(a)), "2026-01-02");
    }
}
