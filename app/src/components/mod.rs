//! Small reusable views.
pub mod confirm;
pub mod edits;
pub mod error_box;
pub mod layout;
pub mod loaded;
pub mod table_box;
