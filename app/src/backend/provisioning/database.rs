//! Creating and dropping an instance's own database (a SQLite file or a PostgreSQL database).
use sqlx::{AnyConnection, Connection, Executor};

use super::TenantDb;
use crate::backend::db::Engine;

pub(super) fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

pub(super) async fn create_database(db: &TenantDb) -> std::result::Result<(), sqlx::Error> {
    match db.engine() {
        Engine::Sqlite => {
            // A leftover file would hand the new tenant someone else's data.
            if std::path::Path::new(&db.name).exists() {
                return Err(sqlx::Error::Configuration(
                    format!("{} already exists", db.name).into(),
                ));
            }
            let conn =
                AnyConnection::connect(&crate::backend::db::with_create_mode(&db.url())).await?;
            conn.close().await
        }
        Engine::Postgres => {
            let mut admin = AnyConnection::connect(&db.server).await?;
            let sql = format!("CREATE DATABASE {}", quote_ident(&db.name));
            // No bind parameters: sent as a simple query, which CREATE DATABASE requires.
            admin.execute(sql.as_str()).await?;
            admin.close().await
        }
    }
}

/// Removes an instance database (used by rollback and archive).
pub async fn drop_database(db: &TenantDb) -> std::result::Result<(), sqlx::Error> {
    match db.engine() {
        Engine::Sqlite => {
            for suffix in ["", "-wal", "-shm"] {
                let path = format!("{}{suffix}", db.name);
                match std::fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(sqlx::Error::Io(e)),
                }
            }
            Ok(())
        }
        Engine::Postgres => {
            let mut admin = AnyConnection::connect(&db.server).await?;
            let sql = format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                quote_ident(&db.name)
            );
            admin.execute(sql.as_str()).await?;
            admin.close().await
        }
    }
}
