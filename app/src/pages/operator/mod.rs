//! The operator's pages.
pub mod dashboard;
