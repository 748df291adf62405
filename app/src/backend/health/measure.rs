//! Measuring one instance: its own database (opened with its own credentials, under the
//! configured timeout) and what the platform knows of it (members' logins, failed jobs).
use std::time::Instant;

use sqlx::Connection;
use tokio::io::AsyncReadExt;

use crate::backend::config::Config;
use crate::backend::db::{parse_ts, Engine};
use crate::backend::provisioning::{StoredTenantDb, TenantDb};
use crate::backend::state::AppState;
use crate::domain::pricing::Selection;
use crate::domain::TenantState;
use crate::error::Result;

/// A tenant to check, as its row describes it.
#[derive(Debug, Clone)]
pub(super) struct Target {
    pub tenant_id: i64,
    pub plan_id: i64,
    pub state: TenantState,
    /// When the tenant was made: its activity before any login or write.
    pub created_at: String,
    /// Its database (`None` while it has none, or when the row cannot be read).
    pub db: Option<TenantDb>,
    /// What its subscription bought.
    pub selection: Selection,
}

/// The columns [`Target::from_row`] reads, from `tenants t LEFT JOIN subscriptions s`.
pub(super) const TARGET_COLUMNS: &str = "t.id, t.plan_id, t.state, t.created_at, t.db_engine, \
     t.db_server, t.db_name, t.db_password, s.selection_json";

type TargetRow = (
    i64,
    i64,
    TenantState,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

impl Target {
    pub(super) fn from_row(r: TargetRow) -> Target {
        let (tenant_id, plan_id, state, created_at, engine, server, name, password, selection) = r;
        let stored = StoredTenantDb {
            db_engine: engine,
            db_server: server,
            db_name: name,
            db_password: password,
        };
        let db = TenantDb::from_stored(stored).unwrap_or_else(|e| {
            tracing::warn!(tenant_id, error = %e, "tenant database not readable");
            None
        });
        Target {
            tenant_id,
            plan_id,
            state,
            created_at,
            db,
            selection: crate::backend::utilization::selection_of(selection.as_deref()),
        }
    }
}

/// Reads the live tenants after id `after`, at most `limit` (keyset paging).
pub(super) async fn targets(st: &AppState, after: i64, limit: i64) -> Result<Vec<Target>> {
    let rows: Vec<TargetRow> = sqlx::query_as(&format!(
        "SELECT {TARGET_COLUMNS} FROM tenants t LEFT JOIN subscriptions s ON s.tenant_id = t.id \
         WHERE t.state IN ({}) AND t.id > $1 ORDER BY t.id LIMIT $2",
        super::live_states_sql()
    ))
    .bind(after)
    .bind(limit)
    .fetch_all(&st.pool)
    .await?;
    Ok(rows.into_iter().map(Target::from_row).collect())
}

/// One tenant, whatever its state.
pub(super) async fn target(st: &AppState, tenant_id: i64) -> Result<Option<Target>> {
    let row: Option<TargetRow> = sqlx::query_as(&format!(
        "SELECT {TARGET_COLUMNS} FROM tenants t LEFT JOIN subscriptions s ON s.tenant_id = t.id WHERE t.id = $1"
    ))
    .bind(tenant_id)
    .fetch_optional(&st.pool)
    .await?;
    Ok(row.map(Target::from_row))
}

/// What a check found before it is judged.
#[derive(Debug, Clone)]
pub(super) struct Measured {
    /// Why the database did not answer (`None`: it did).
    pub unreachable: Option<String>,
    pub size_bytes: Option<i64>,
    pub users: Option<i64>,
    /// The instance's write counter: a different one at the next check means it was written.
    pub write_mark: Option<String>,
    /// The latest login of one of its members.
    pub last_login: Option<chrono::DateTime<chrono::Utc>>,
    pub failed_jobs: i64,
    pub duration_ms: i64,
}

/// What the instance's own database says.
struct InstanceFacts {
    size_bytes: i64,
    users: i64,
    write_mark: String,
}

/// Measures one tenant. The instance's part runs under the configured timeout: a database that
/// hangs is "timed out" and holds nothing else up.
pub(super) async fn measure(st: &AppState, target: &Target) -> Result<Measured> {
    let started = Instant::now();
    let instance = match &target.db {
        None => Err("it has no database".to_string()),
        Some(db) => {
            match tokio::time::timeout(
                st.config.health.check_timeout,
                read_instance(&st.config, db),
            )
            .await
            {
                Ok(read) => read,
                Err(_) => Err("timed out".to_string()),
            }
        }
    };
    let duration_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    let (last_login, failed_jobs): (Option<String>, i64) = sqlx::query_as(
        "SELECT (SELECT MAX(last_login_at) FROM users WHERE tenant_id = $1), \
         (SELECT COUNT(*) FROM orders WHERE status = 'failed' AND tenant_id = $1)",
    )
    .bind(target.tenant_id)
    .fetch_one(&st.pool)
    .await?;
    let last_login = last_login.as_deref().and_then(parse_ts);
    Ok(match instance {
        Ok(facts) => Measured {
            unreachable: None,
            size_bytes: Some(facts.size_bytes),
            users: Some(facts.users),
            write_mark: Some(facts.write_mark),
            last_login,
            failed_jobs,
            duration_ms,
        },
        Err(why) => {
            tracing::warn!(tenant_id = target.tenant_id, why, "instance not reachable");
            Measured {
                unreachable: Some(why),
                size_bytes: None,
                users: None,
                write_mark: None,
                last_login,
                failed_jobs,
                duration_ms,
            }
        }
    })
}

/// Size, users and write counter, from the instance's database; the error says why not.
async fn read_instance(config: &Config, db: &TenantDb) -> Result<InstanceFacts, String> {
    match db.host.engine() {
        Engine::Sqlite => {
            // Looked at first: opening a missing file would only say it cannot be opened.
            let meta = match tokio::fs::metadata(&db.name).await {
                Ok(meta) => meta,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err("database file missing".into())
                }
                Err(e) => return Err(format!("database file unreadable: {}", e.kind())),
            };
            let write_mark = sqlite_change_counter(&db.name).await?;
            let mut conn = db.connect(config).await.map_err(cause)?;
            let (users,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
                .fetch_one(&mut conn)
                .await
                .map_err(cause)?;
            conn.close().await.map_err(cause)?;
            Ok(InstanceFacts {
                size_bytes: i64::try_from(meta.len()).unwrap_or(i64::MAX),
                users,
                write_mark,
            })
        }
        Engine::Postgres => {
            let mut conn = db.connect(config).await.map_err(cause)?;
            // Rows inserted, updated and deleted since the statistics began: a write moves it.
            let (size_bytes, writes, users): (i64, i64, i64) = sqlx::query_as(
                "SELECT pg_database_size(current_database()), \
                 CAST(COALESCE((SELECT SUM(n_tup_ins + n_tup_upd + n_tup_del) FROM pg_stat_user_tables), 0) AS BIGINT), \
                 (SELECT COUNT(*) FROM users)",
            )
            .fetch_one(&mut conn)
            .await
            .map_err(cause)?;
            conn.close().await.map_err(cause)?;
            Ok(InstanceFacts {
                size_bytes,
                users,
                write_mark: writes.to_string(),
            })
        }
    }
}

/// The SQLite file's change counter (bytes 24..28 of its header), which every write transaction
/// moves (instances use the rollback journal, where it is kept up to date).
async fn sqlite_change_counter(path: &str) -> Result<String, String> {
    let mut header = [0_u8; 28];
    let mut file = tokio::fs::File::open(path)
        .await
        .map_err(|e| format!("database file unreadable: {}", e.kind()))?;
    match file.read_exact(&mut header).await {
        Ok(_) => {
            Ok(u32::from_be_bytes([header[24], header[25], header[26], header[27]]).to_string())
        }
        // A file shorter than a header is an empty database: never written.
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok("0".into()),
        Err(e) => Err(format!("database file unreadable: {}", e.kind())),
    }
}

/// A short cause for the operator: the database's own message, or the kind of failure.
fn cause(e: sqlx::Error) -> String {
    let text = match &e {
        sqlx::Error::Database(d) => d.message().to_string(),
        sqlx::Error::Io(io) => format!("connection failed: {}", io.kind()),
        sqlx::Error::Tls(_) => "TLS failed".to_string(),
        sqlx::Error::PoolTimedOut => "timed out".to_string(),
        other => other.to_string(),
    };
    text.chars().take(200).collect()
}
