//! The operator's orders: the queue and one order's detail.
pub mod detail;
pub mod queue;
