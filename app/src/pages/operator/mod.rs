//! The operator's pages.
pub mod catalog;
pub mod dashboard;
pub mod orders;
