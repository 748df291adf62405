//! The one way a catalog edit commits: it raises the catalog generation with it.
use sqlx::{Any, AnyPool, Transaction};

use crate::backend::db::Engine;
use crate::backend::state::AppState;
use crate::error::Result;

/// The PostgreSQL channel on which servers announce new catalog generations.
pub(super) const CHANNEL: &str = "tenantry_catalog";

/// Commits a catalog edit (plans and their versions, periods, rates and add-ons, storefronts, tax
/// rates, products, modules, verticals, resources, templates). Raises the catalog generation in
/// the same transaction, on PostgreSQL with a `NOTIFY` that goes out only if the transaction
/// commits, then drops this server's cached copies at once. Every catalog write commits here.
pub async fn commit_edit(st: &AppState, mut tx: Transaction<'static, Any>) -> Result<()> {
    let (generation,): (i64,) = sqlx::query_as(
        "UPDATE catalog_generation SET generation = generation + 1 WHERE id = 1 RETURNING generation",
    )
    .fetch_one(&mut *tx)
    .await?;
    if st.engine == Engine::Postgres {
        // NOTIFY takes no bind parameters; the payload is a number formatted here.
        sqlx::query(&format!("NOTIFY {CHANNEL}, '{generation}'"))
            .persistent(false)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    st.storefront_cache.saw(generation);
    Ok(())
}

/// The catalog generation now in the database.
pub async fn read_generation(pool: &AnyPool) -> Result<i64> {
    let (generation,): (i64,) =
        sqlx::query_as("SELECT generation FROM catalog_generation WHERE id = 1")
            .fetch_one(pool)
            .await?;
    Ok(generation)
}
