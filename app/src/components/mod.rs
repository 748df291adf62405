//! Small reusable views.
pub mod bank_transfer;
pub mod confirm;
pub mod edits;
pub mod error_box;
pub mod field_errors;
pub mod layout;
pub mod loaded;
pub mod pager;
pub mod table_box;
pub mod ticket_thread;
