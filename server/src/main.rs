//! Starts Tenantry: reads the environment, migrates, seeds, serves.
use std::sync::Arc;

use app::domain::SystemClock;
use server::startup::{self, Launch};

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    if let Err(e) = run().await {
        tracing::error!("{e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), String> {
    let leptos_options = leptos::config::get_configuration(None)
        .map_err(|e| e.to_string())?
        .leptos_options;
    let listen =
        std::env::var("TENANTRY_LISTEN").unwrap_or_else(|_| leptos_options.site_addr.to_string());
    let listener = tokio::net::TcpListener::bind(&listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let config = app::backend::config::Config::from_env(port);
    let launch = Launch {
        config,
        leptos_options,
        clock: Arc::new(SystemClock),
    };
    let (router, banner) = startup::build(launch).await?;
    for line in banner {
        tracing::info!("{line}");
    }
    tracing::info!("Tenantry is listening on http://{listen}");
    startup::serve(listener, router)
        .await
        .map_err(|e| e.to_string())
}
