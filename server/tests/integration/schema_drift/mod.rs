//! The SQLite and PostgreSQL migrations are written twice by hand; this migrates both and
//! compares what each engine ends up with: tables, columns (type family and nullability),
//! primary and unique keys, foreign keys and check constraints. A difference fails the test
//! unless it is declared below with its reason.
mod check;
mod postgres;
mod sqlite;

use std::collections::BTreeSet;

use app::backend::db::{platform_migrator, tenant_migrator, Engine};
use sqlx::migrate::Migrator;

/// Differences made on purpose: (schema, the engine that has the fact, the fact, why).
const DECLARED: &[Declared] = &[];

/// A difference between the engines that is there on purpose.
struct Declared {
    schema: &'static str,
    engine: Engine,
    fact: &'static str,
    why: &'static str,
}

/// One schema's facts, each a line such as `column orders.status text not null`.
pub type Facts = BTreeSet<String>;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn platform_schemas_match() {
    compare("platform", platform_migrator).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tenant_schemas_match() {
    compare("tenant", tenant_migrator).await;
}

async fn compare(schema: &str, migrator: fn(Engine) -> &'static Migrator) {
    let lite = sqlite::facts(migrator(Engine::Sqlite)).await;
    let pg = postgres::facts(migrator(Engine::Postgres)).await;
    for facts in [&lite, &pg] {
        assert!(
            facts.iter().any(|f| f.starts_with("column ")),
            "{schema}: no columns read"
        );
    }
    let declared = |engine: Engine, fact: &str| {
        DECLARED
            .iter()
            .any(|d| d.schema == schema && d.engine == engine && d.fact == fact)
    };
    let mut problems = Vec::new();
    for (engine, ours, theirs) in [(Engine::Sqlite, &lite, &pg), (Engine::Postgres, &pg, &lite)] {
        for fact in ours.difference(theirs) {
            if !declared(engine, fact) {
                problems.push(format!("only {engine:?}: {fact}"));
            }
        }
    }
    for d in DECLARED.iter().filter(|d| d.schema == schema) {
        let ours = if d.engine == Engine::Sqlite {
            &lite
        } else {
            &pg
        };
        let theirs = if d.engine == Engine::Sqlite {
            &pg
        } else {
            &lite
        };
        if !ours.contains(d.fact) || theirs.contains(d.fact) {
            problems.push(format!(
                "declared but not a difference: {} ({})",
                d.fact, d.why
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "the {schema} schemas of SQLite and PostgreSQL differ:\n{}",
        problems.join("\n")
    );
}
