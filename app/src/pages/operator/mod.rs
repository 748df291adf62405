//! The operator's pages.
pub mod api_keys;
pub mod area;
pub mod catalog;
pub mod dashboard;
pub mod fraud;
pub mod invoices;
pub mod orders;
pub mod rehearsals;
pub mod tenants;
pub mod tickets;
