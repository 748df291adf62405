//! The portal's billing self-service for a tenant's admins and billing contacts: the invoices
//! (an open one paid now by card), the customer's cards, the payments and credit, and the billing
//! details the next invoice uses.
pub mod cards;
pub mod details;
pub mod pay;
mod transfer;
pub mod view;

pub use view::view;

use super::state::AppState;
use crate::error::{AppError, Result};

/// The customer that pays for tenant `tenant_id`.
pub(crate) async fn customer_of(st: &AppState, tenant_id: i64) -> Result<i64> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT customer_id FROM tenants WHERE id = $1")
        .bind(tenant_id)
        .fetch_optional(&st.pool)
        .await?;
    row.map(|r| r.0).ok_or(AppError::NotFound)
}
