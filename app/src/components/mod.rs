//! Small reusable views.
pub mod error_box;
pub mod layout;
