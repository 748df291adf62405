//! The operator's pages.
pub mod api_keys;
pub mod catalog;
pub mod catalog_nav;
pub mod dashboard;
pub mod orders;
pub mod parts;
pub mod products;
pub mod resources;
pub mod template_edit;
pub mod template_sections;
pub mod templates;
