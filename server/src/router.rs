//! The HTTP router: pages, server functions, static files, health, and the middleware stack
//! (outermost first: security headers, CSRF guard, body limit, the storefront's cached page,
//! sessions, server-function errors, instance homes).
use app::backend::host::{classify, HostKind};
use app::backend::state::AppState;
use app::{shell, App};
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::sync::OnceLock;
use tower_sessions::cookie::{time::Duration, SameSite};
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::body_limit::limit_body;
use crate::security_headers::{add_security_headers, provide_request_nonce, HeaderPolicy};
use crate::sessions::SessionBackend;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "tenantry_session";

/// Minutes of inactivity after which a session ends.
pub const IDLE_SESSION_MINUTES: i64 = 120;

/// Builds the whole application router.
/// The app's routes, generated once per process. Generating them runs the app with resource loads
/// suppressed by a process-wide flag (`leptos_server::SuppressResourceLoad`): a resource first
/// polled by a page rendering at that moment on another thread would wait forever. Several
/// servers in one process (the integration tests, a second server beside the first) so share one
/// list, made before any of them serves a page.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(state: AppState, sessions: SessionBackend) -> Router {
    sessions.spawn_cleanup();
    let session_layer = SessionManagerLayer::new(sessions)
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config.secure_cookies())
        .with_expiry(Expiry::OnInactivity(Duration::minutes(
            IDLE_SESSION_MINUTES,
        )));
    let options = state.leptos_options.clone();
    let routes = route_list();
    let context_state = state.clone();
    let context = move || {
        provide_context(context_state.clone());
        provide_request_nonce();
    };
    let headers = HeaderPolicy::of(&state);
    let body_limit = state.config.max_body_bytes;
    let router = Router::new()
        .route("/healthz", get(healthz))
        .route("/operator/live", get(crate::live::live))
        .route(
            "/orders/{token}/invoice.pdf",
            get(crate::invoice_pdf::invoice_pdf),
        )
        .route(
            "/orders/{token}/credit-notes/{number}/pdf",
            get(crate::invoice_pdf::credit_note_pdf),
        );
    // Benchmark helpers are compiled only into benchmark builds, never into what ships.
    #[cfg(feature = "bench")]
    let router = crate::bench_routes::add(router);
    router
        .nest("/pkg", crate::assets::pkg_router(&options))
        .nest("/api/v1", crate::api::router())
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(middleware::from_fn_with_state(state.clone(), instance_home))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::brand::attach_brand,
        ))
        .layer(middleware::from_fn(
            crate::fn_errors::argument_errors_are_422,
        ))
        .layer(session_layer)
        // Outside the sessions: a cached page is for visitors without one.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::storefront_cache::serve_cached_storefront,
        ))
        // Around the cache: a cached page's key names the request's language.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::language::decide_language,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), limit_body))
        // Extractors (the API's JSON) keep to the same limit as the middleware.
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn(crate::csrf::reject_cross_site))
        .layer(middleware::from_fn_with_state(
            headers,
            add_security_headers,
        ))
        .with_state(state)
}

/// An instance's bare address opens its portal, or, while the instance is paused (suspended or
/// archived), the page that tells its users why.
async fn instance_home(State(st): State<AppState>, req: Request<Body>, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if req.uri().path() == "/" {
        if let HostKind::Instance(name) = classify(host, &st.config.base_domain) {
            let paused = app::backend::tenants::paused::is_paused(&st, &name)
                .await
                .unwrap_or(false);
            return Redirect::to(if paused { "/paused" } else { "/portal" }).into_response();
        }
    }
    next.run(req).await
}

async fn healthz(State(st): State<AppState>) -> Response {
    match sqlx::query("SELECT 1").execute(&st.pool).await {
        Ok(_) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}
