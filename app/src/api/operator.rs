//! The operator's dashboard.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::operator::{DashboardView, StateCount, TenantRowView};

/// The dashboard, for operators only.
#[server]
pub async fn operator_dashboard() -> Result<DashboardView, AppError> {
    use crate::backend::{context, operator};
    context::as_operator(None, |st, _| async move { operator::dashboard(&st).await }).await
}
