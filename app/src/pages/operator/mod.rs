//! The operator's pages.
pub mod api_keys;
pub mod area;
pub mod catalog;
pub mod dashboard;
pub mod exchange_rates;
pub mod fraud;
pub mod health;
pub mod invoices;
pub mod orders;
pub mod rehearsals;
pub mod tenant_billing;
pub mod tenant_list;
pub mod tenants;
pub mod tickets;
pub mod utilization;
