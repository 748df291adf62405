//! Tenantry's shared crate: domain rules, server functions, pages and (with `ssr`) the backend.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod lazy_routes;
pub mod pages;
pub mod routes;
pub mod wire;

#[cfg(feature = "ssr")]
pub mod backend;

pub use routes::{shell, App};

/// The hydrate entry point called by the `frontend` crate.
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    leptos::mount::hydrate_lazy(App);
}
