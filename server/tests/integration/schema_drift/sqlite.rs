//! The facts of a freshly migrated SQLite schema, read from `sqlite_master` and its pragmas.
use std::collections::BTreeSet;

use sqlx::migrate::Migrator;
use sqlx::{Connection, SqliteConnection};

use super::{check, Facts};

/// The type family of an SQLite column's declared type.
fn family(declared: &str) -> &'static str {
    let t = declared.to_uppercase();
    if t.contains("INT") {
        "integer"
    } else if t.contains("CHAR") || t.contains("TEXT") || t.contains("CLOB") {
        "text"
    } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
        "real"
    } else if t.contains("BLOB") {
        "blob"
    } else {
        "other"
    }
}

/// Migrates a new SQLite file and reads its facts.
pub async fn facts(migrator: &Migrator) -> Facts {
    let dir = std::env::temp_dir().join(format!("tenantry-drift-{}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("schema.db");
    let mut db = SqliteConnection::connect(&format!("sqlite://{}?mode=rwc", file.display()))
        .await
        .expect("open");
    migrator.run(&mut db).await.expect("migrate");
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&mut db)
    .await
    .expect("tables");
    let mut facts = Facts::new();
    for (table, sql) in tables {
        let columns: Vec<(String, String, bool, i64)> = sqlx::query_as(
            "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid",
        )
        .bind(&table)
        .fetch_all(&mut db)
        .await
        .expect("columns");
        let mut pk: Vec<(i64, String)> = Vec::new();
        for (name, declared, not_null, pk_at) in &columns {
            // A primary key column cannot hold NULL on PostgreSQL; SQLite only says so when told.
            let null = if *not_null || *pk_at > 0 {
                "not null"
            } else {
                "null"
            };
            facts.insert(format!("column {table}.{name} {} {null}", family(declared)));
            if *pk_at > 0 {
                pk.push((*pk_at, name.clone()));
            }
        }
        pk.sort();
        if !pk.is_empty() {
            let names: Vec<_> = pk.into_iter().map(|(_, n)| n).collect();
            facts.insert(format!("primary key {table}({})", names.join(",")));
        }
        let indexes: Vec<(String, bool, String, bool)> =
            sqlx::query_as("SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)")
                .bind(&table)
                .fetch_all(&mut db)
                .await
                .expect("indexes");
        for (index, unique, origin, partial) in indexes {
            if !unique || origin == "pk" {
                continue;
            }
            let cols: Vec<(Option<String>,)> =
                sqlx::query_as("SELECT name FROM pragma_index_info(?) ORDER BY seqno")
                    .bind(&index)
                    .fetch_all(&mut db)
                    .await
                    .expect("index columns");
            let cols: Vec<_> = cols
                .into_iter()
                .map(|(n,)| n.unwrap_or_else(|| "<expr>".into()))
                .collect();
            let partial = if partial { " partial" } else { "" };
            facts.insert(format!("unique {table}({}){partial}", cols.join(",")));
        }
        let keys: Vec<(String, String)> =
            sqlx::query_as("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)")
                .bind(&table)
                .fetch_all(&mut db)
                .await
                .expect("foreign keys");
        for (from, to) in keys {
            facts.insert(format!("foreign key {table}.{from} -> {to}"));
        }
        let names: BTreeSet<String> = columns.iter().map(|c| c.0.to_lowercase()).collect();
        for expr in check::expressions_in(&sql) {
            facts.insert(check::fact(&table, &expr, &names));
        }
    }
    db.close().await.expect("close");
    let _ = std::fs::remove_dir_all(&dir);
    facts
}
