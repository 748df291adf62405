//! The tenant's portal pages: overview, users, subscription; and the invitation a new member opens.
pub mod billing;
pub mod invitation;
pub mod members;
pub mod overview;
pub mod paused;
pub mod subscription;
pub mod tickets;
