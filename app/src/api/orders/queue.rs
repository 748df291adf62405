//! The operator's order queue: list, approve, reject, retry a failed provisioning.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::orders::queue::OrderRowView;

/// Orders in a status ("" for all), for operators.
#[server]
pub async fn list_orders(status: String) -> Result<Vec<OrderRowView>, AppError> {
    use crate::backend::{context, orders::queue};
    context::as_operator(None, |st, _| async move { queue::list(&st, &status).await }).await
}

/// Approves an order waiting for approval (an offline payment counts as received) and sets it up.
#[server]
pub async fn approve_order(order_id: i64) -> Result<(), AppError> {
    use crate::backend::{context, orders};
    context::as_operator(Some(("/operator/orders", &[])), |st, operator| async move {
        orders::review::approve(&st, order_id, &operator.email).await
    })
    .await
}

/// Rejects an order with a reason the customer sees; the payment is given back.
#[server]
pub async fn reject_order(order_id: i64, reason: String) -> Result<(), AppError> {
    use crate::backend::{context, orders};
    context::as_operator(Some(("/operator/orders", &[])), |st, operator| async move {
        orders::review::reject(&st, order_id, &operator.email, &reason).await
    })
    .await
}

/// Provisions a failed order again from the first step.
#[server]
pub async fn retry_order(order_id: i64) -> Result<(), AppError> {
    use crate::backend::{context, orders};
    context::as_operator(Some(("/operator/orders", &[])), |st, operator| async move {
        orders::review::retry(&st, order_id, &operator.email).await
    })
    .await
}
