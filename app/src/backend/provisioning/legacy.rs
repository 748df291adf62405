//! Tenants provisioned before instances had roles of their own (platform migration 0010 leaves
//! their `db_password` empty): at start each gets its role, its database closed to others and
//! its tables granted, as a new instance would.
use sqlx::{AnyConnection, AnyPool, Connection, Executor};

use super::privileges::{create_role, grant_tables_to, open_database_only_to, reset_role};
use super::tenant_db::{connect_quietly, new_password};
use super::{DbHost, TenantDb};
use crate::backend::config::Config;
use crate::backend::db::{engine_of, Engine};

/// Advisory lock key held while adopting, so that two servers starting together do not give one
/// role two different passwords.
const ADOPT_LOCK: i64 = 0x7465_6e61_6e74_7279; // "tenantry"

/// Gives every PostgreSQL tenant database without a role one of its own; returns how many it
/// adopted. A tenant that cannot be adopted now is logged and tried again at the next start.
pub async fn adopt_legacy_tenants(pool: &AnyPool, config: &Config) -> Result<usize, sqlx::Error> {
    if engine_of(pool) != Engine::Postgres {
        return Ok(0);
    }
    let mut lock = pool.begin().await?;
    sqlx::query("SELECT 1 FROM pg_advisory_xact_lock($1)")
        .bind(ADOPT_LOCK)
        .execute(&mut *lock)
        .await?;
    // Provisioning in flight drops and remakes its database: it gets a role that way.
    let legacy: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, db_server, db_name FROM tenants WHERE db_engine = 'postgres' AND db_server IS NOT NULL \
         AND db_name IS NOT NULL AND db_password IS NULL AND state NOT IN ('failed', 'provisioning') ORDER BY id",
    )
    .fetch_all(&mut *lock)
    .await?;
    let mut adopted = 0;
    for (tenant_id, server, name) in legacy {
        let db = TenantDb {
            host: DbHost::Postgres { server },
            name,
            password: Some(new_password()),
        };
        if let Err(e) = adopt(config, &db).await {
            tracing::error!(tenant_id, error = %e, "could not give a tenant database its own role");
            continue;
        }
        sqlx::query("UPDATE tenants SET db_password = $1 WHERE id = $2")
            .bind(&db.password)
            .bind(tenant_id)
            .execute(&mut *lock)
            .await?;
        adopted += 1;
    }
    lock.commit().await?;
    if adopted > 0 {
        tracing::info!(adopted, "tenant databases now have roles of their own");
    }
    Ok(adopted)
}

/// Creates (or resets) the tenant's role, closes its database to others and grants its tables.
async fn adopt(config: &Config, db: &TenantDb) -> Result<(), sqlx::Error> {
    let password = db.password.as_deref().unwrap_or_default();
    let mut admin = connect_quietly(&db.server_url(config)?).await?;
    let (exists,): (bool,) =
        sqlx::query_as("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)")
            .bind(db.role())
            .fetch_one(&mut admin)
            .await?;
    let role = if exists {
        // Left by an adoption that stopped before its password was stored.
        reset_role(db.role(), password)
    } else {
        create_role(db.role(), password)
    };
    admin.execute(role.as_str()).await?;
    admin
        .execute(open_database_only_to(&db.name, db.role()).as_str())
        .await?;
    admin.close().await?;
    let mut owner = AnyConnection::connect(&db.owner_url(config)?).await?;
    owner.execute(grant_tables_to(db.role()).as_str()).await?;
    owner.close().await
}
