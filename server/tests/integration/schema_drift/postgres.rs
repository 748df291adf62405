//! The facts of a freshly migrated PostgreSQL schema, read from the catalogs.
use std::collections::{BTreeMap, BTreeSet};

use sqlx::migrate::Migrator;
use sqlx::{Connection, Executor, PgConnection};

use super::{check, Facts};
use app::backend::provisioning::pg_url_with_db;

use crate::common::pg_admin_url;

/// The type family of a PostgreSQL column's type.
fn family(data_type: &str) -> &'static str {
    match data_type {
        "bigint" | "integer" | "smallint" => "integer",
        "text" | "character varying" | "character" => "text",
        "double precision" | "real" | "numeric" => "real",
        "bytea" => "blob",
        _ => "other",
    }
}

/// Migrates a new PostgreSQL database and reads its facts.
pub async fn facts(migrator: &Migrator) -> Facts {
    let name = format!("tenantry_drift_{}", rand::random::<u32>());
    let mut admin = PgConnection::connect(&pg_admin_url()).await.expect("admin");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create");
    let mut db = PgConnection::connect(&pg_url_with_db(&pg_admin_url(), &name))
        .await
        .expect("open");
    migrator.run(&mut db).await.expect("migrate");
    let facts = read(&mut db).await;
    db.close().await.expect("close");
    admin
        .execute(format!("DROP DATABASE {name}").as_str())
        .await
        .expect("drop");
    facts
}

async fn read(db: &mut PgConnection) -> Facts {
    let mut facts = Facts::new();
    let columns: Vec<(String, String, String, bool)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable = 'YES' \
         FROM information_schema.columns WHERE table_schema = 'public' \
         AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(&mut *db)
    .await
    .expect("columns");
    let mut names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (table, column, data_type, nullable) in columns {
        let null = if nullable { "null" } else { "not null" };
        facts.insert(format!(
            "column {table}.{column} {} {null}",
            family(&data_type)
        ));
        names.entry(table).or_default().insert(column);
    }
    let indexes: Vec<(String, bool, bool, String)> = sqlx::query_as(
        "SELECT t.relname::text, ix.indisprimary, ix.indpred IS NOT NULL, \
         array_to_string(ARRAY(SELECT COALESCE(a.attname::text, '<expr>') \
           FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord) \
           LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum \
           ORDER BY k.ord), ',') \
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = 'public' AND ix.indisunique AND t.relname <> '_sqlx_migrations'",
    )
    .fetch_all(&mut *db)
    .await
    .expect("indexes");
    for (table, primary, partial, cols) in indexes {
        if primary {
            facts.insert(format!("primary key {table}({cols})"));
        } else {
            let partial = if partial { " partial" } else { "" };
            facts.insert(format!("unique {table}({cols}){partial}"));
        }
    }
    let constraints: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT t.relname::text, c.contype::text, pg_get_constraintdef(c.oid) \
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = 'public' AND c.contype IN ('c', 'f')",
    )
    .fetch_all(&mut *db)
    .await
    .expect("constraints");
    for (table, kind, def) in constraints {
        if kind == "c" {
            let expr = def.trim_start_matches("CHECK ");
            let empty = BTreeSet::new();
            let cols = names.get(&table).unwrap_or(&empty);
            facts.insert(check::fact(&table, expr, cols));
        } else {
            facts.extend(foreign_keys(&table, &def));
        }
    }
    facts
}

/// `FOREIGN KEY (a) REFERENCES t(id)` as `foreign key table.a -> t`, one column at a time.
fn foreign_keys(table: &str, def: &str) -> Vec<String> {
    let cols = def
        .strip_prefix("FOREIGN KEY (")
        .and_then(|rest| rest.split(')').next())
        .unwrap_or_default();
    let to = def
        .split("REFERENCES ")
        .nth(1)
        .and_then(|rest| rest.split('(').next())
        .unwrap_or_default()
        .trim();
    cols.split(',')
        .map(|c| format!("foreign key {table}.{} -> {to}", c.trim()))
        .collect()
}
