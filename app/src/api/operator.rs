//! The operator's dashboard.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::operator::{DashboardView, StateCount, TenantRowView};

/// The dashboard, for operators only.
#[server]
pub async fn operator_dashboard() -> Result<DashboardView, AppError> {
    use crate::backend::{context, operator};
    let result = async {
        let (st, _) = context::operator().await?;
        operator::dashboard(&st).await
    }
    .await;
    context::finish(result, None)
}
