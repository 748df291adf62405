//! The Tenantry server: configuration, start-up, the HTTP router and its middleware.
pub mod api;
pub mod assets;
#[cfg(feature = "bench")]
pub mod bench_launch;
#[cfg(feature = "bench")]
pub mod bench_routes;
pub mod body_limit;
pub mod brand;
pub mod csrf;
pub mod fn_errors;
pub mod invoice_pdf;
pub mod language;
pub mod router;
pub mod security_headers;
pub mod sessions;
pub mod startup;
pub mod storefront_cache;
