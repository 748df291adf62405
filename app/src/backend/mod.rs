//! Server-only code: database access, accounts, ordering, provisioning, mail.
pub mod auth;
pub mod catalog;
pub mod config;
pub mod context;
pub mod db;
pub mod host;
pub mod mail;
pub mod operator;
pub mod orders;
pub mod portal;
pub mod provisioning;
pub mod seed;
pub mod state;
pub mod tenants;
pub mod throttle;
