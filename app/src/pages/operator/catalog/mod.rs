//! The operator's catalog editors, one page per thing edited, and the nav between them.
pub mod addons;
pub mod coupons;
pub mod dunning;
pub mod nav;
pub mod parts;
pub mod plan_editor;
pub mod plans;
pub mod products;
pub mod resources;
pub mod storefront_billing;
pub mod storefronts;
pub mod tax_rates;
pub mod template_edit;
pub mod template_sections;
pub mod templates;
