//! What every storefront visitor sees, kept in memory: each storefront's catalog and, for
//! visitors without a session, its rendered page (see `server/src/storefront_cache.rs`).
//!
//! Validity: the database holds a catalog generation that every catalog edit raises in its own
//! transaction ([`commit_edit`]). Each entry is tagged with the generation read *before* its data
//! was loaded, so its data is at least that new; an entry is served only while its tag is the
//! newest generation this server knows. This server learns new generations from its own edits at
//! once (after their commit), from PostgreSQL's `NOTIFY` on other servers' edits, and on SQLite
//! by polling (two servers on one file); see [`watch`]. While the PostgreSQL listener is down,
//! nothing is served from the cache. The storefront's catalog does not depend on the time (no
//! dated prices or versions), so entries never expire by themselves.
mod edits;
mod page;
mod watch;

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use sqlx::AnyPool;

pub use edits::{commit_edit, read_generation};
pub use page::Page;
pub use watch::spawn;

use super::catalog::storefront_plans;
use super::db::Engine;
use crate::error::Result;
use crate::wire::catalog::StorefrontView;

/// At most this many storefronts' catalogs and pages are kept (keys are real storefront codes;
/// the bound only guards memory if that ever stops being true).
const MAX_ENTRIES: usize = 256;

/// The cache one server keeps, owned by the app state.
pub struct StorefrontCache {
    inner: RwLock<Inner>,
}

struct Inner {
    /// The newest catalog generation this server knows of; every entry below is tagged with it.
    known: i64,
    /// Whether this server hears of other servers' edits (PostgreSQL: its listener is connected).
    live: bool,
    /// Catalog views by storefront code ("" is the default storefront).
    catalogs: HashMap<String, Arc<StorefrontView>>,
    /// Rendered pages for visitors without a session, by storefront code.
    pages: HashMap<String, Arc<Page>>,
}

impl Inner {
    /// Raises the known generation; whatever was cached for an older one is dropped.
    fn saw(&mut self, generation: i64) {
        if generation > self.known {
            self.known = generation;
            self.catalogs.clear();
            self.pages.clear();
        }
    }

    /// Whether something loaded at `generation` may be stored now.
    fn admits(&mut self, generation: i64) -> bool {
        self.saw(generation);
        self.live && generation == self.known
    }
}

impl StorefrontCache {
    /// An empty cache. On PostgreSQL it serves nothing until its listener is connected
    /// ([`spawn`]); a SQLite database is written by this server (or polled for others' edits).
    pub fn new(engine: Engine) -> StorefrontCache {
        StorefrontCache {
            inner: RwLock::new(Inner {
                known: 0,
                live: engine == Engine::Sqlite,
                catalogs: HashMap::new(),
                pages: HashMap::new(),
            }),
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Inner> {
        // A panic while holding the lock cannot leave it half-written (every change is one
        // assignment or map call): keep using it.
        self.inner.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Inner> {
        self.inner.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// The newest generation this server knows of.
    pub fn known(&self) -> i64 {
        self.read().known
    }

    /// Notes a generation read from the database or announced by another server.
    pub fn saw(&self, generation: i64) {
        if generation > self.read().known {
            self.write().saw(generation);
        }
    }

    /// Stops serving from the cache and empties it (the PostgreSQL listener lost its connection).
    pub fn went_deaf(&self) {
        let mut inner = self.write();
        inner.live = false;
        inner.catalogs.clear();
        inner.pages.clear();
    }

    /// Serves from the cache again, starting empty, once the listener hears again and the current
    /// generation was read after it started listening.
    pub fn hears_again(&self, generation: i64) {
        let mut inner = self.write();
        inner.saw(generation);
        inner.catalogs.clear();
        inner.pages.clear();
        inner.live = true;
    }

    /// The generation to tag a load with: read from the database before loading, and noted, so
    /// that nothing cached for an older generation is used while loading.
    pub async fn generation_for_load(&self, pool: &AnyPool) -> Result<i64> {
        let generation = read_generation(pool).await?;
        self.saw(generation);
        Ok(generation)
    }

    /// A storefront's cached rendered page.
    pub fn page(&self, code: &str) -> Option<Arc<Page>> {
        let inner = self.read();
        inner.live.then(|| inner.pages.get(code).cloned()).flatten()
    }

    /// Keeps a storefront's rendered page, loaded at `generation`, unless the catalog moved on.
    pub fn put_page(&self, code: &str, generation: i64, page: Page) {
        let mut inner = self.write();
        if inner.admits(generation) && inner.pages.len() < MAX_ENTRIES {
            inner.pages.insert(code.to_string(), Arc::new(page));
        }
    }

    fn catalog(&self, code: &str) -> Option<Arc<StorefrontView>> {
        let inner = self.read();
        inner
            .live
            .then(|| inner.catalogs.get(code).cloned())
            .flatten()
    }

    fn put_catalog(&self, code: &str, generation: i64, view: Arc<StorefrontView>) {
        let mut inner = self.write();
        if inner.admits(generation) && inner.catalogs.len() < MAX_ENTRIES {
            inner.catalogs.insert(code.to_string(), view);
        }
    }

    /// The default language of a storefront (the default one for an empty code), from the cache
    /// or loaded with its catalog; English for a code that names none.
    pub async fn language(&self, pool: &AnyPool, code: &str) -> crate::i18n::Locale {
        let tag = match self.catalog(code.trim()) {
            Some(view) => view.language.clone(),
            None => match self.storefront(pool, code).await {
                Ok(view) => view.language,
                Err(_) => return crate::i18n::Locale::default(),
            },
        };
        crate::i18n::Locale::from_tag(&tag).unwrap_or_default()
    }

    /// A storefront (the default one for an empty code) with its published plans, from the cache
    /// or loaded and cached.
    pub async fn storefront(&self, pool: &AnyPool, code: &str) -> Result<StorefrontView> {
        let code = code.trim();
        if let Some(view) = self.catalog(code) {
            return Ok(StorefrontView::clone(&view));
        }
        let generation = self.generation_for_load(pool).await?;
        let sf = storefront_plans::by_code(pool, code).await?;
        let view = storefront_plans::catalog(pool, &sf).await?;
        self.put_catalog(code, generation, Arc::new(view.clone()));
        Ok(view)
    }
}

#[cfg(test)]
mod tests;
