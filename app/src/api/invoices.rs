//! Invoices for the operator: one invoice's page (its timeline, refunds and credit notes).
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::invoices::detail::{InvoiceDetailView, InvoiceEventView, InvoiceRowView};

/// One invoice with its timeline, what can still be refunded and its credit notes, for operators.
#[server]
pub async fn invoice_detail(invoice_id: i64) -> Result<InvoiceDetailView, AppError> {
    use crate::backend::{context, invoices::detail};
    context::as_operator(None, |st, _| async move {
        detail::detail(&st.pool, invoice_id).await
    })
    .await
}
