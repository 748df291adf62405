//! Where an instance's database lives and the credentials each side reaches it with: the
//! instance's own role for its data, the platform role to create, migrate and drop it.
use std::fmt;
use std::str::FromStr;

use rand::{distributions::Alphanumeric, Rng};
use sqlx::any::AnyConnectOptions;
use sqlx::{AnyConnection, AnyPool, ConnectOptions, Connection};

use super::pg_url_with_db;
use super::servers::server_by_id;
use crate::backend::config::Config;
use crate::backend::db::Engine;

/// Where an instance's database lives.
///
/// On PostgreSQL an instance is reached with a role of its own, named as its database, that may
/// open that database and nothing else. Its password is kept in the tenants row (`db_password`)
/// rather than derived with an HMAC of a server secret: it opens one tenant's database, which
/// the platform role can open anyway, so it adds no reach to whoever reads the platform
/// database; there is no extra secret that every server must share and that could never change
/// without locking every instance out; and the platform (CREATEROLE) can set a new one with
/// `ALTER ROLE`. The row names the server by id: its URL and the platform's password stay in
/// the configuration.
#[derive(Clone, PartialEq, Eq)]
pub struct TenantDb {
    /// The engine and, on PostgreSQL, the server it lives on.
    pub host: DbHost,
    /// File path (SQLite) or database name (PostgreSQL, also its role's name).
    pub name: String,
    /// The instance role's password (PostgreSQL; `None` on SQLite).
    pub password: Option<String>,
}

/// The engine an instance's database runs on, stored as `tenants.db_engine` (and, on
/// PostgreSQL, `tenants.db_server`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbHost {
    /// A file on the platform's own disk.
    Sqlite,
    /// A database on the PostgreSQL server with this id ([`super::DbServer`]).
    Postgres { server: String },
}

impl DbHost {
    /// The engine, as stored in `tenants.db_engine`.
    pub fn engine(&self) -> Engine {
        match self {
            DbHost::Sqlite => Engine::Sqlite,
            DbHost::Postgres { .. } => Engine::Postgres,
        }
    }

    /// The server's id as stored in `tenants.db_server` (none for SQLite).
    pub fn server(&self) -> Option<&str> {
        match self {
            DbHost::Sqlite => None,
            DbHost::Postgres { server } => Some(server),
        }
    }
}

impl fmt::Debug for TenantDb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TenantDb")
            .field("host", &self.host)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl TenantDb {
    /// The database of a tenant, or `None` while it has none.
    pub async fn of_tenant(
        pool: &AnyPool,
        tenant_id: i64,
    ) -> Result<Option<TenantDb>, sqlx::Error> {
        let row: Option<StoredTenantDb> = sqlx::query_as(
            "SELECT db_engine, db_server, db_name, db_password FROM tenants WHERE id = $1",
        )
        .bind(tenant_id)
        .fetch_optional(pool)
        .await?;
        row.map_or(Ok(None), TenantDb::from_stored)
    }

    /// The database the stored columns describe, or `None` while the tenant has none.
    pub fn from_stored(row: StoredTenantDb) -> Result<Option<TenantDb>, sqlx::Error> {
        let (Some(engine), Some(name)) = (row.db_engine, row.db_name) else {
            return Ok(None);
        };
        let host = match (Engine::parse(&engine), row.db_server) {
            (Some(Engine::Sqlite), _) => DbHost::Sqlite,
            (Some(Engine::Postgres), Some(server)) => DbHost::Postgres { server },
            _ => {
                return Err(sqlx::Error::Decode(
                    format!("tenant database {name} has engine {engine} and no server").into(),
                ))
            }
        };
        Ok(Some(TenantDb {
            host,
            name,
            password: row.db_password,
        }))
    }

    /// The instance's own PostgreSQL role. Database names are unique in a cluster and include
    /// the platform database's name, so role names derived from them are unique too.
    pub fn role(&self) -> &str {
        &self.name
    }

    pub(super) fn engine(&self) -> Engine {
        self.host.engine()
    }

    /// The URL the instance's data is read and written with (its own role on PostgreSQL).
    pub fn app_url(&self, config: &Config) -> Result<String, sqlx::Error> {
        if self.engine() == Engine::Sqlite {
            return Ok(format!("sqlite://{}", self.name));
        }
        let password = self.password.as_deref().ok_or_else(|| {
            sqlx::Error::Configuration(format!("database {} has no role yet", self.name).into())
        })?;
        let mut options = AnyConnectOptions::from_str(&self.owner_url(config)?)?;
        let url = &mut options.database_url;
        url.set_username(self.role())
            .and_then(|()| url.set_password(Some(password)))
            .map_err(|()| {
                sqlx::Error::Configuration("the server URL cannot carry credentials".into())
            })?;
        Ok(options.database_url.to_string())
    }

    /// Opens the instance's database with the instance's own credentials.
    pub async fn connect(&self, config: &Config) -> Result<AnyConnection, sqlx::Error> {
        AnyConnection::connect(&self.app_url(config)?).await
    }

    /// The platform role's URL on the instance's database (it owns and migrates the schema).
    pub(super) fn owner_url(&self, config: &Config) -> Result<String, sqlx::Error> {
        match self.engine() {
            Engine::Sqlite => Ok(format!("sqlite://{}", self.name)),
            Engine::Postgres => Ok(pg_url_with_db(&self.server_url(config)?, &self.name)),
        }
    }

    /// The platform role's URL on the instance's server (it creates and drops databases and
    /// roles there).
    pub(super) fn server_url(&self, config: &Config) -> Result<String, sqlx::Error> {
        let server = self
            .host
            .server()
            .ok_or_else(|| sqlx::Error::Configuration("an SQLite instance has no server".into()))?;
        Ok(server_by_id(config, server)?.url)
    }
}

/// The `tenants` columns that place a tenant's database.
#[derive(sqlx::FromRow)]
pub struct StoredTenantDb {
    pub db_engine: Option<String>,
    pub db_server: Option<String>,
    pub db_name: Option<String>,
    pub db_password: Option<String>,
}

/// A new password for an instance's role: 32 letters and digits (about 190 bits) from the
/// thread's cryptographic generator.
pub(super) fn new_password() -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(32)
        .map(char::from)
        .collect()
}

/// Opens a connection whose statements are never logged, since they carry role passwords.
pub(super) async fn connect_quietly(url: &str) -> Result<AnyConnection, sqlx::Error> {
    let options = AnyConnectOptions::from_str(url)?.disable_statement_logging();
    AnyConnection::connect_with(&options).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        let mut config = Config::from_env(3000);
        config.database_url = "postgres://platform:secret@db:5432/tenantry".into();
        config.tenant_db_servers = Vec::new();
        config
    }

    #[test]
    fn an_instance_connects_with_its_own_role() {
        let db = TenantDb {
            host: DbHost::Postgres {
                server: "db:5432".into(),
            },
            name: "tenantry_t7".into(),
            password: Some("s3cret".into()),
        };
        let config = config();
        assert_eq!(
            db.app_url(&config).ok().as_deref(),
            Some("postgres://tenantry_t7:s3cret@db:5432/tenantry_t7")
        );
        assert_eq!(
            db.owner_url(&config).ok().as_deref(),
            Some("postgres://platform:secret@db:5432/tenantry_t7")
        );
        assert!(!format!("{db:?}").contains("s3cret"), "never shown");
        let unknown = TenantDb {
            host: DbHost::Postgres {
                server: "elsewhere:5432".into(),
            },
            ..db
        };
        assert!(unknown.app_url(&config).is_err());
    }

    #[test]
    fn passwords_are_long_and_fresh() {
        let (a, b) = (new_password(), new_password());
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
    }
}
