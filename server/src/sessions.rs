//! Database-backed sessions on either engine, so they survive restarts and are shared by servers.
use async_trait::async_trait;
use sqlx::{PgPool, SqlitePool};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use app::backend::db::{with_create_mode, Engine};

/// The session store for the platform database's engine.
#[derive(Debug, Clone)]
pub enum SessionBackend {
    /// Sessions in the SQLite file.
    Sqlite(SqliteStore),
    /// Sessions in PostgreSQL.
    Postgres(PostgresStore),
}

impl SessionBackend {
    /// Opens the store on the platform database and creates its table when missing.
    pub async fn connect(url: &str) -> Result<Self, String> {
        let err = |e: sqlx::Error| format!("session store: {e}");
        let backend = match Engine::of_url(url)? {
            Engine::Sqlite => {
                let pool = SqlitePool::connect(&with_create_mode(url))
                    .await
                    .map_err(err)?;
                let store = SqliteStore::new(pool);
                store.migrate().await.map_err(err)?;
                SessionBackend::Sqlite(store)
            }
            Engine::Postgres => {
                let pool = PgPool::connect(url).await.map_err(err)?;
                let store = PostgresStore::new(pool);
                store.migrate().await.map_err(err)?;
                SessionBackend::Postgres(store)
            }
        };
        Ok(backend)
    }

    /// Deletes expired sessions every few minutes, in the background.
    pub fn spawn_cleanup(&self) {
        let store = self.clone();
        tokio::spawn(async move {
            let result = match store {
                SessionBackend::Sqlite(s) => {
                    s.continuously_delete_expired(tokio::time::Duration::from_secs(300))
                        .await
                }
                SessionBackend::Postgres(s) => {
                    s.continuously_delete_expired(tokio::time::Duration::from_secs(300))
                        .await
                }
            };
            if let Err(e) = result {
                tracing::error!(error = %e, "expired-session cleanup stopped");
            }
        });
    }
}

#[async_trait]
impl SessionStore for SessionBackend {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            SessionBackend::Sqlite(s) => s.create(record).await,
            SessionBackend::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            SessionBackend::Sqlite(s) => s.save(record).await,
            SessionBackend::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            SessionBackend::Sqlite(s) => s.load(id).await,
            SessionBackend::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            SessionBackend::Sqlite(s) => s.delete(id).await,
            SessionBackend::Postgres(s) => s.delete(id).await,
        }
    }
}
