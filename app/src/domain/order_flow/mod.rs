//! The order workflow: order kinds, statuses, events and the allowed
//! transitions from screening through payment and approval to provisioning.

mod event;
mod kind;
mod status;
mod transitions;

pub use event::{event_label, event_label_for_customer, OrderEvent};
pub use kind::OrderKind;
pub use status::OrderStatus;
pub use transitions::{needs_refund, next, FlowContext};

#[cfg(test)]
mod tests;
