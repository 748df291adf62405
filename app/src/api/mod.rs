//! Server functions, one module per area, with the wire types both sides share.
pub mod api_keys;
pub mod auth;
pub mod catalog;
pub mod catalog_admin;
pub mod catalog_structure;
pub mod fraud;
pub mod operator;
pub mod orders;
pub mod portal;
pub mod subscription;
