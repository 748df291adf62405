//! The tenant admin's portal pages.
pub mod overview;
pub mod paused;
pub mod subscription;
pub mod tickets;
