//! Where an instance lives and the steps that create it: each instance has its own database
//! (a SQLite file, or a PostgreSQL database with a role of its own on the least-used server),
//! built step by step, as a background job per order (a lease makes sure one server runs it at a
//! time; a failed attempt is rolled back and retried; every step is recorded so the order's page
//! can show progress; the sweep resumes jobs whose server went away).
mod build;
mod database;
mod job;
mod legacy;
mod outcome;
mod privileges;
mod servers;
mod start;
mod steps;
mod tenant_db;

use super::db::Engine;
use super::state::AppState;
use crate::error::{AppError, Result};

pub use build::{steps_for, Build, Fault, InstanceAdmin};
pub use database::drop_database;
pub use legacy::adopt_legacy_tenants;
pub use privileges::secure_platform_database;
pub use servers::{tenant_db_servers, DbServer};
pub use start::{resume_stalled, start, start_if_due};
pub use steps::{latest_steps, StepRecord};
pub use tenant_db::{DbHost, StoredTenantDb, TenantDb};

/// The steps of provisioning, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Create the empty database.
    CreateDatabase,
    /// Apply the instance schema.
    ApplySchema,
    /// Install the product's modules and default settings.
    InstallModules,
    /// Load demo records when the plan asks for them.
    LoadDemoData,
    /// Create the instance's admin user.
    CreateAdmin,
}

impl Step {
    /// Every step, in the order they run.
    pub const ALL: [Step; 5] = [
        Step::CreateDatabase,
        Step::ApplySchema,
        Step::InstallModules,
        Step::LoadDemoData,
        Step::CreateAdmin,
    ];

    /// Stable identifier for storage.
    pub fn code(self) -> &'static str {
        match self {
            Step::CreateDatabase => "create_database",
            Step::ApplySchema => "apply_schema",
            Step::InstallModules => "install_modules",
            Step::LoadDemoData => "load_demo_data",
            Step::CreateAdmin => "create_admin",
        }
    }

    /// The step stored as `code`.
    pub fn from_code(code: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.code() == code)
    }

    /// A short human name for events and messages.
    pub fn label(self) -> &'static str {
        match self {
            Step::CreateDatabase => "create database",
            Step::ApplySchema => "apply schema",
            Step::InstallModules => "install modules",
            Step::LoadDemoData => "load demo data",
            Step::CreateAdmin => "create admin user",
        }
    }
}

/// Replaces the database name in a PostgreSQL URL.
pub fn pg_url_with_db(url: &str, db: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map(|(b, q)| (b, Some(q)))
        .unwrap_or((url, None));
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{host_part}/{db}?{q}"),
        None => format!("{host_part}/{db}"),
    }
}

/// The database name in a PostgreSQL URL.
pub fn pg_db_name(url: &str) -> Option<String> {
    let base = url.split('?').next()?;
    let after = &base[base.find("://")? + 3..];
    after
        .split_once('/')
        .map(|(_, db)| db.to_string())
        .filter(|d| !d.is_empty())
}

/// Chooses where a new tenant's database goes: the least-used configured server.
pub async fn choose_target(st: &AppState, tenant_id: i64) -> Result<TenantDb> {
    match st.engine {
        Engine::Sqlite => {
            let dir = st.config.data_dir.join("tenants");
            tokio::fs::create_dir_all(&dir).await.map_err(|e| {
                tracing::error!(error = %e, "cannot create tenant folder");
                AppError::Internal
            })?;
            Ok(TenantDb {
                host: DbHost::Sqlite,
                name: dir.join(format!("t{tenant_id}.db")).display().to_string(),
                password: None,
            })
        }
        Engine::Postgres => {
            let mut best: Option<(i64, String)> = None;
            for server in tenant_db_servers(&st.config) {
                let (n,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM tenants WHERE db_server = $1 AND state <> 'failed'",
                )
                .bind(&server.id)
                .fetch_one(&st.pool)
                .await?;
                if best.as_ref().is_none_or(|(least, _)| n < *least) {
                    best = Some((n, server.id));
                }
            }
            let server = best.map(|(_, id)| id).ok_or(AppError::Internal)?;
            // Prefixing with the platform database keeps several platforms on one server apart.
            let prefix = pg_db_name(&st.config.database_url).unwrap_or_else(|| "tenantry".into());
            Ok(TenantDb {
                host: DbHost::Postgres { server },
                name: format!("{prefix}_t{tenant_id}"),
                password: Some(tenant_db::new_password()),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_urls_get_a_new_database() {
        assert_eq!(
            pg_url_with_db("postgres://u:p@h:5432/main", "t1"),
            "postgres://u:p@h:5432/t1"
        );
        assert_eq!(
            pg_url_with_db("postgres://u@h/main?sslmode=disable", "t1"),
            "postgres://u@h/t1?sslmode=disable"
        );
        assert_eq!(pg_url_with_db("postgres://u@h", "t1"), "postgres://u@h/t1");
        assert_eq!(
            pg_db_name("postgres://u@h/main?x=1").as_deref(),
            Some("main")
        );
        assert_eq!(pg_db_name("postgres://u@h"), None);
    }
}
