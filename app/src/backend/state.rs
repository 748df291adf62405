//! The shared application state handed to every handler and server function.
use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::AnyPool;

use super::config::Config;
use super::db::Engine;
use super::jobs::JobTracker;
use super::mail::Mailer;
use super::passwords::Passwords;
use super::storefront_cache::StorefrontCache;
use crate::domain::SharedClock;

/// Everything a request needs: the pool, configuration, clock and mailer.
#[derive(Clone, FromRef)]
pub struct AppState {
    /// Leptos' own options (site root, addresses).
    pub leptos_options: LeptosOptions,
    /// The platform database.
    pub pool: AnyPool,
    /// Which engine `pool` talks to.
    pub engine: Engine,
    /// Runtime configuration.
    pub config: Arc<Config>,
    /// The one source of the current time.
    pub clock: SharedClock,
    /// Outgoing mail.
    pub mailer: Arc<Mailer>,
    /// Background jobs in flight (provisioning), waited for at shutdown.
    pub jobs: Arc<JobTracker>,
    /// Password hashing, a few at a time.
    pub passwords: Passwords,
    /// What every storefront visitor sees, kept until the catalog changes.
    pub storefront_cache: Arc<StorefrontCache>,
    /// Changes told to open dashboards.
    pub live: Arc<super::live::Live>,
}

impl AppState {
    /// The current time, from the shared clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}
