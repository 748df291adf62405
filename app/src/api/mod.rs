//! Server functions, one module per area (their wire types live in `crate::wire`).
pub mod accounts;
pub mod api_keys;
pub mod auth;
pub mod catalog;
pub mod coupons;
pub mod credit_notes;
pub mod dunning;
pub mod fraud;
pub mod invoices;
pub mod language;
pub mod operator;
pub mod orders;
pub mod password_resets;
pub mod portal;
pub mod rehearsals;
pub mod subscription;
pub mod tenants;
