//! The operator's pages.
pub mod addons;
pub mod api_keys;
pub mod catalog;
pub mod dashboard;
pub mod fraud;
pub mod orders;
pub mod plan_editor;
pub mod storefronts;
pub mod tax_rates;
