//! The operator's dashboard.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::dashboard::*;

/// The dashboard over the last `months` months (3, 12 or 24; 12 when not given), for operators
/// only.
#[server]
pub async fn operator_dashboard(
    #[server(default)] months: Option<u32>,
) -> Result<DashboardView, AppError> {
    use crate::backend::{context, dashboard};
    context::as_operator(None, |st, _| async move {
        let months = dashboard::period(months)?;
        dashboard::load(&st, months).await
    })
    .await
}
