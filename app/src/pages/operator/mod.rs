//! The operator's pages.
pub mod addons;
pub mod api_keys;
pub mod catalog;
pub mod catalog_nav;
pub mod dashboard;
pub mod fraud;
pub mod orders;
pub mod parts;
pub mod plan_editor;
pub mod products;
pub mod resources;
pub mod storefronts;
pub mod tax_rates;
pub mod template_edit;
pub mod template_sections;
pub mod templates;
