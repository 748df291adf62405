//! Building the application from its configuration: pools, migrations, seed, router.
use std::net::SocketAddr;
use std::sync::Arc;

use app::backend::config::Config;
use app::backend::db::{self, Engine};
use app::backend::jobs::JobTracker;
use app::backend::mail::Mailer;
use app::backend::passwords::Passwords;
use app::backend::provisioning;
use app::backend::seed;
use app::backend::state::AppState;
use app::backend::storefront_cache::{self, StorefrontCache};
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

/// What start-up tells whoever started the server.
#[derive(Debug, Default)]
pub struct Banner {
    /// Lines for the log; never a secret.
    pub lines: Vec<String>,
    /// The operator password generated at first start: shown once on the terminal, never logged.
    pub operator_password: Option<String>,
    /// The operator's email, to go with the generated password.
    pub operator_email: String,
    /// Where the operator logs in.
    pub login_url: String,
}

/// Logs the banner's lines and shows a generated operator password on the terminal.
pub fn announce(banner: &Banner, terminal: &mut impl std::io::Write) -> std::io::Result<()> {
    for line in &banner.lines {
        tracing::info!("{line}");
    }
    show_operator_password(banner, terminal)
}

/// Writes a generated operator password to `terminal` (the process's stderr) directly, never
/// through the log: logs are kept and shipped elsewhere, the terminal is not.
pub fn show_operator_password(
    banner: &Banner,
    terminal: &mut impl std::io::Write,
) -> std::io::Result<()> {
    if let Some(password) = &banner.operator_password {
        writeln!(
            terminal,
            "\nOperator login: {} / {password}  (at {})\nThis generated password is shown only this once and is not logged; note it now.\n",
            banner.operator_email, banner.login_url
        )?;
        terminal.flush()?;
    }
    Ok(())
}

/// A built application, ready to serve.
pub struct Built {
    /// Every route.
    pub router: Router,
    /// What to tell at start.
    pub banner: Banner,
    /// Background jobs in flight, to wait for at shutdown.
    pub jobs: Arc<JobTracker>,
}

/// Connects, migrates, seeds, starts the background sweep and health checks and returns the
/// router.
pub async fn build(launch: Launch) -> Result<Built, String> {
    let (state, banner) = prepare(launch).await?;
    app::backend::sweep::spawn(state.clone());
    app::backend::health::spawn(state.clone());
    storefront_cache::spawn(state.clone());
    app::backend::live::spawn(state.clone());
    let sessions = SessionBackend::connect(&state.config.database_url).await?;
    let jobs = state.jobs.clone();
    Ok(Built {
        router: crate::router::router(state, sessions),
        banner,
        jobs,
    })
}

/// Connects, migrates and seeds; returns the state and what to tell at start.
pub async fn prepare(launch: Launch) -> Result<(AppState, Banner), String> {
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
    if engine == Engine::Postgres {
        provisioning::secure_platform_database(&pool)
            .await
            .map_err(|e| format!("cannot close the platform database to tenants' roles: {e}"))?;
        provisioning::adopt_legacy_tenants(&pool, &config)
            .await
            .map_err(|e| format!("cannot give tenant databases their own roles: {e}"))?;
    }
    let mailer = Mailer::from_config(&config)?;
    if config.client_ip.header.is_some() && config.client_ip.trusted_proxies.is_empty() {
        tracing::warn!(
            "TENANTRY_CLIENT_IP_HEADER is set but TENANTRY_TRUSTED_PROXIES is empty: the header is ignored"
        );
    }
    let passwords = Passwords::new(config.password_hashes_at_once);
    let jobs = Arc::new(JobTracker::with_slots(config.jobs.provisioning_concurrency));
    let state = AppState {
        leptos_options,
        pool,
        engine,
        config: Arc::new(config),
        clock,
        mailer: Arc::new(mailer),
        jobs,
        passwords,
        storefront_cache: Arc::new(StorefrontCache::new(engine)),
        live: Arc::default(),
    };
    let seeded = seed::seed(&state)
        .await
        .map_err(|e| format!("seeding failed: {e}"))?;
    let login_url = format!("{}/login", state.config.storefront_url());
    let mut lines = vec![format!("storefront: {}", state.config.storefront_url())];
    if seeded.catalog_created {
        lines.push("seeded the demo catalog".into());
    }
    if seeded.operator_created {
        let password = if seeded.generated_operator_password.is_some() {
            "generated, shown on the terminal"
        } else {
            "from TENANTRY_OPERATOR_PASSWORD"
        };
        lines.push(format!(
            "operator created: {} (password {password}), log in at {login_url}",
            state.config.operator_email
        ));
    }
    let banner = Banner {
        lines,
        operator_password: seeded.generated_operator_password,
        operator_email: state.config.operator_email.clone(),
        login_url,
    };
    Ok((state, banner))
}

/// Serves until Ctrl-C or SIGTERM, with the peer address available for throttling.
pub async fn serve(listener: tokio::net::TcpListener, router: Router) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    // Responses are written as they are made (streamed pages, file bodies): with Nagle's
    // algorithm on, a body's last small segment would wait for the client's delayed ACK.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "TCP_NODELAY not set on a connection");
        }
    });
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
