//! The customer-facing storefront.
pub mod catalog;
pub mod configurator;
pub mod confirm_email;
pub mod invoice;
pub mod order;
pub mod order_status;
