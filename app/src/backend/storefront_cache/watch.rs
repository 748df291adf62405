//! How a server hears of catalog edits made by other servers on the same database.
use std::time::Duration;

use sqlx::postgres::PgListener;

use super::edits::{read_generation, CHANNEL};
use crate::backend::db::Engine;
use crate::backend::state::AppState;
use crate::error::Result;

/// How often a SQLite server reads the generation, for another server on the same file.
const SQLITE_POLL: Duration = Duration::from_millis(250);
/// The longest pause between attempts to connect the PostgreSQL listener.
const MAX_RECONNECT_PAUSE: Duration = Duration::from_secs(10);

/// Starts listening (PostgreSQL) or polling (SQLite) for catalog edits, for as long as the
/// runtime runs.
pub fn spawn(st: AppState) {
    match st.engine {
        Engine::Postgres => tokio::spawn(listen(st)),
        Engine::Sqlite => tokio::spawn(poll(st)),
    };
}

/// SQLite: servers sharing a file see each other's edits within [`SQLITE_POLL`]; this server's
/// own edits are seen at once by [`super::commit_edit`].
async fn poll(st: AppState) {
    let mut tick = tokio::time::interval(SQLITE_POLL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match read_generation(&st.pool).await {
            Ok(generation) => st.storefront_cache.saw(generation),
            Err(e) => tracing::debug!(error = %e, "catalog generation not read"),
        }
    }
}

/// PostgreSQL: `LISTEN` for the generations other servers announce. Whenever the connection is
/// lost the cache is emptied and bypassed until listening again; a new connection listens first
/// and then reads the generation, so no edit falls between the two.
async fn listen(st: AppState) {
    let mut pause = Duration::from_millis(100);
    loop {
        match connect(&st).await {
            Ok(mut listener) => {
                pause = Duration::from_millis(100);
                hear(&st, &mut listener).await;
                st.storefront_cache.went_deaf();
                tracing::warn!("catalog listener lost its connection; storefront cache off until it reconnects");
            }
            Err(e) => {
                tracing::warn!(error = %e, "catalog listener cannot connect; storefront cache off")
            }
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(MAX_RECONNECT_PAUSE);
    }
}

async fn connect(st: &AppState) -> Result<PgListener> {
    let mut listener = PgListener::connect(&st.config.database_url).await?;
    listener.listen(CHANNEL).await?;
    let generation = read_generation(&st.pool).await?;
    st.storefront_cache.hears_again(generation);
    Ok(listener)
}

/// Notes every announced generation until the connection is lost.
async fn hear(st: &AppState, listener: &mut PgListener) {
    loop {
        match listener.try_recv().await {
            Ok(Some(note)) => match note.payload().parse::<i64>() {
                Ok(generation) => st.storefront_cache.saw(generation),
                // Not ours: read what the generation is instead.
                Err(_) => match read_generation(&st.pool).await {
                    Ok(generation) => st.storefront_cache.saw(generation),
                    Err(_) => return,
                },
            },
            Ok(None) => return,
            Err(e) => {
                tracing::debug!(error = %e, "catalog listener failed");
                return;
            }
        }
    }
}
