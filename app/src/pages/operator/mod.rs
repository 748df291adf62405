//! The operator's pages.
pub mod dashboard;
pub mod orders;
