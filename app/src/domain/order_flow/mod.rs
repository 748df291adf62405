//! The order workflow: order kinds, statuses, events and the allowed
//! transitions from screening through payment and approval to provisioning.

mod event;
mod kind;
mod status;
mod transitions;

pub use event::{event_label, OrderEvent, EVENT_NAMES};
pub use kind::OrderKind;
pub use status::OrderStatus;
pub use transitions::{needs_refund, next, FlowContext};

#[cfg(test)]
mod tests;
