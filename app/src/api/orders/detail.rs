//! One order as the operator sees it: every workflow event with who or what made it, the
//! payments, and every provisioning attempt step by step.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::orders::detail::{OrderDetailView, OrderEventView, PaymentView, StepView};

/// One order with its history, for operators.
#[server]
pub async fn order_detail(order_id: i64) -> Result<OrderDetailView, AppError> {
    use crate::backend::{context, orders::queue};
    context::as_operator(
        None,
        |st, _| async move { queue::detail(&st, order_id).await },
    )
    .await
}
