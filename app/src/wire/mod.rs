//! The serde types both sides of a boundary exchange, one module per area: below the backend
//! and the API, above the domain.
#[cfg(feature = "ssr")]
pub mod rest;
