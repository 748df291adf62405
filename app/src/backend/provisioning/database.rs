//! Creating, migrating and dropping an instance's own database (a SQLite file, or a PostgreSQL
//! database with a role of its own).
use sqlx::{AnyConnection, Connection, Executor};

use super::privileges::{
    create_role, drop_role, grant_tables_to, open_database_only_to, quote_ident,
};
use super::tenant_db::connect_quietly;
use super::TenantDb;
use crate::backend::config::Config;
use crate::backend::db::{tenant_migrator, Engine};

/// Creates the empty database; on PostgreSQL also its role, the only one besides the platform's
/// that may connect. A failure leaves nothing this call made behind.
pub(super) async fn create_database(
    config: &Config,
    db: &TenantDb,
) -> std::result::Result<(), sqlx::Error> {
    match db.engine() {
        Engine::Sqlite => {
            // A leftover file would hand the new tenant someone else's data.
            if std::path::Path::new(&db.name).exists() {
                return Err(sqlx::Error::Configuration(
                    format!("{} already exists", db.name).into(),
                ));
            }
            let conn = AnyConnection::connect(&crate::backend::db::with_create_mode(
                &db.owner_url(config)?,
            ))
            .await?;
            conn.close().await
        }
        Engine::Postgres => {
            let password = db.password.as_deref().ok_or_else(|| {
                sqlx::Error::Configuration("a new database needs its role's password".into())
            })?;
            let mut admin = connect_quietly(&db.server_url(config)?).await?;
            // No bind parameters: sent as simple queries, which CREATE DATABASE requires.
            admin
                .execute(create_role(db.role(), password).as_str())
                .await?;
            let create = format!("CREATE DATABASE {}", quote_ident(&db.name));
            if let Err(e) = admin.execute(create.as_str()).await {
                // The database may be someone else's leftover: only the role is ours to undo.
                let _ = admin.execute(drop_role(db.role()).as_str()).await;
                return Err(e);
            }
            let grants = open_database_only_to(&db.name, db.role());
            if let Err(e) = admin.execute(grants.as_str()).await {
                let _ = drop_with(&mut admin, db).await;
                return Err(e);
            }
            admin.close().await
        }
    }
}

/// Applies the instance schema as the platform role, which owns it; on PostgreSQL the
/// instance's role may then read and write the tables, not change them.
pub(super) async fn apply_schema(config: &Config, db: &TenantDb) -> Result<(), String> {
    let text = |e: sqlx::Error| e.to_string();
    let mut conn = AnyConnection::connect(&db.owner_url(config).map_err(text)?)
        .await
        .map_err(text)?;
    tenant_migrator(db.engine())
        .run_direct(&mut conn)
        .await
        .map_err(|e| e.to_string())?;
    if db.engine() == Engine::Postgres {
        conn.execute(grant_tables_to(db.role()).as_str())
            .await
            .map_err(text)?;
    }
    conn.close().await.map_err(text)
}

/// Removes an instance database and, on PostgreSQL, its role (used by rollback and archive).
pub async fn drop_database(config: &Config, db: &TenantDb) -> std::result::Result<(), sqlx::Error> {
    match db.engine() {
        Engine::Sqlite => {
            for suffix in ["", "-wal", "-shm"] {
                let path = format!("{}{suffix}", db.name);
                match tokio::fs::remove_file(&path).await {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(sqlx::Error::Io(e)),
                }
            }
            Ok(())
        }
        Engine::Postgres => {
            let mut admin = AnyConnection::connect(&db.server_url(config)?).await?;
            drop_with(&mut admin, db).await?;
            admin.close().await
        }
    }
}

/// Drops the database, then its role: the role's privileges live in the database, so the role
/// can go only once the database has.
async fn drop_with(admin: &mut AnyConnection, db: &TenantDb) -> Result<(), sqlx::Error> {
    let sql = format!(
        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
        quote_ident(&db.name)
    );
    admin.execute(sql.as_str()).await?;
    admin.execute(drop_role(db.role()).as_str()).await?;
    Ok(())
}
