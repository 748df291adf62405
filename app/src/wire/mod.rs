//! The serde types both sides of a boundary exchange, one module per area: below the backend
//! and the API (server functions), above the domain. Imports run one way:
//! domain <- wire <- backend <- api <- pages.
pub mod api_keys;
pub mod auth;
pub mod bank_transfer;
pub mod billing;
pub mod brand;
pub mod catalog;
pub mod coupons;
pub mod credit_notes;
pub mod dashboard;
pub mod dunning;
pub mod exchange_rates;
pub mod fraud;
pub mod health;
pub mod invoices;
pub mod members;
pub mod orders;
pub mod portal;
pub mod rehearsals;
#[cfg(feature = "ssr")]
pub mod rest;
pub mod subscription;
pub mod tenants;
pub mod tickets;
pub mod two_factor;
pub mod utilization;
