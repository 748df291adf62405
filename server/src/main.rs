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
    if let Some(command) = std::env::args().nth(1) {
        // Commands do not serve, so they bind nothing; links use the configured port.
        let port = listen
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or(3000);
        let config = app::backend::config::Config::from_env(port);
        let launch = Launch {
            config,
            leptos_options,
            clock: Arc::new(SystemClock),
        };
        return run_command(&command, launch).await;
    }
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
    let built = startup::build(launch).await?;
    startup::announce(&built.banner, &mut std::io::stderr())
        .map_err(|e| format!("cannot write to the terminal: {e}"))?;
    tracing::info!("Tenantry is listening on http://{listen}");
    startup::serve(listener, built.router)
        .await
        .map_err(|e| e.to_string())?;
    // Let provisioning in flight finish its steps; whatever does not is resumed by another
    // server's sweep once its lease runs out.
    let running = built.jobs.running();
    if running > 0 {
        tracing::info!(running, "waiting for background jobs to finish");
        if !built
            .jobs
            .wait_idle(std::time::Duration::from_secs(30))
            .await
        {
            tracing::warn!("stopping with background jobs still running");
        }
    }
    Ok(())
}

/// `tenantry create-api-key <name>`: prints a new operator API key (shown only this once).
async fn run_command(command: &str, launch: Launch) -> Result<(), String> {
    match command {
        "create-api-key" => {
            let name = std::env::args()
                .nth(2)
                .unwrap_or_else(|| "command line".into());
            let (st, banner) = startup::prepare(launch).await?;
            // A first start through this command must still show the generated password; on
            // stderr, since stdout is the key.
            startup::show_operator_password(&banner, &mut std::io::stderr())
                .map_err(|e| format!("cannot write to the terminal: {e}"))?;
            let operator = app::backend::api_keys::first_operator(&st.pool)
                .await
                .map_err(|e| e.to_string())?;
            let key = app::backend::api_keys::create(&st.pool, st.now(), operator, &name)
                .await
                .map_err(|e| e.to_string())?;
            // The key is the command's output, for scripts to capture.
            use std::io::Write;
            writeln!(std::io::stdout(), "{key}").map_err(|e| e.to_string())
        }
        other => Err(format!(
            "unknown command {other:?}; the only command is: create-api-key <name>"
        )),
    }
}
