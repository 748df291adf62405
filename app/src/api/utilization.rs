//! Resource utilization across the fleet, for operators.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::utilization::UtilizationView;

/// Per resource used against included, the tenants nearest to their limits, and per database
/// server its tenants, size and share of capacity (as the health checks last measured).
#[server]
pub async fn utilization() -> Result<UtilizationView, AppError> {
    use crate::backend::{context, utilization};
    context::as_operator(None, |st, _| async move { utilization::report(&st).await }).await
}
