//! The customer-facing storefront.
pub mod catalog;
pub mod choices;
pub mod configurator;
pub mod confirm_email;
pub mod coupon_field;
pub mod credit_note;
pub mod invoice;
pub mod order;
pub mod order_status;
pub mod order_summary;
