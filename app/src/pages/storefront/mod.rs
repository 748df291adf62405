//! The customer-facing storefront.
pub mod catalog;
pub mod order;
pub mod order_status;
