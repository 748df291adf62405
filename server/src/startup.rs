//! Building the application from its configuration: pools, migrations, seed, router.
use std::net::SocketAddr;
use std::sync::Arc;

use app::backend::config::Config;
use app::backend::db::{self, Engine};
use app::backend::jobs::JobTracker;
use app::backend::mail::Mailer;
use app::backend::passwords::Passwords;
use app::backend::seed;
use app::backend::state::AppState;
use app::domain::SharedClock;
use axum::Router;
use leptos::config::LeptosOptions;

use crate::sessions::SessionBackend;

/// What is needed to build the application.
pub struct Launch {
    /// Environment-derived configuration.
    pub config: Config,
    /// Leptos options (site root, output name).
    pub leptos_options: LeptosOptions,
    /// The clock every part of the app asks for the time.
    pub clock: SharedClock,
}

/// A built application, ready to serve.
pub struct Built {
    /// Every route.
    pub router: Router,
    /// Lines to print at start.
    pub banner: Vec<String>,
    /// Background jobs in flight, to wait for at shutdown.
    pub jobs: Arc<JobTracker>,
}

/// Connects, migrates, seeds, starts the background sweep and returns the router.
pub async fn build(launch: Launch) -> Result<Built, String> {
    let (state, banner) = prepare(launch).await?;
    app::backend::sweep::spawn(state.clone());
    let sessions = SessionBackend::connect(&state.config.database_url).await?;
    let jobs = state.jobs.clone();
    Ok(Built {
        router: crate::router::router(state, sessions),
        banner,
        jobs,
    })
}

/// Connects, migrates and seeds; returns the state and lines to print at start.
pub async fn prepare(launch: Launch) -> Result<(AppState, Vec<String>), String> {
    let Launch {
        config,
        leptos_options,
        clock,
    } = launch;
    let engine = Engine::of_url(&config.database_url)?;
    if engine == Engine::Sqlite {
        std::fs::create_dir_all(&config.data_dir)
            .map_err(|e| format!("cannot create {}: {e}", config.data_dir.display()))?;
    }
    let pool = db::connect(&config.database_url, 16)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    db::platform_migrator(engine)
        .run(&pool)
        .await
        .map_err(|e| format!("migration failed: {e}"))?;
    let mailer = Mailer::from_config(&config)?;
    if config.client_ip.header.is_some() && config.client_ip.trusted_proxies.is_empty() {
        tracing::warn!(
            "TENANTRY_CLIENT_IP_HEADER is set but TENANTRY_TRUSTED_PROXIES is empty: the header is ignored"
        );
    }
    let passwords = Passwords::new(config.password_hashes_at_once);
    let state = AppState {
        leptos_options,
        pool,
        engine,
        config: Arc::new(config),
        clock,
        mailer: Arc::new(mailer),
        jobs: Arc::default(),
        passwords,
    };
    let seeded = seed::seed(&state)
        .await
        .map_err(|e| format!("seeding failed: {e}"))?;
    let mut banner = vec![format!("storefront: {}", state.config.storefront_url())];
    if seeded.catalog_created {
        banner.push("seeded the demo catalog".into());
    }
    if seeded.operator_created {
        let password = seeded
            .generated_operator_password
            .as_deref()
            .unwrap_or("(from TENANTRY_OPERATOR_PASSWORD)");
        banner.push(format!(
            "operator login: {} / {password}  (at {}/login)",
            state.config.operator_email,
            state.config.storefront_url()
        ));
    }
    Ok((state, banner))
}

/// Serves until Ctrl-C or SIGTERM, with the peer address available for throttling.
pub async fn serve(listener: tokio::net::TcpListener, router: Router) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(stop_requested())
    .await
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM (what service managers and containers send).
async fn stop_requested() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
