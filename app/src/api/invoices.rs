//! Invoices for the operator: one invoice's page (its timeline, refunds and credit notes), and
//! trying an unpaid renewal's card now.
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

/// Tries the card of an unpaid renewal now (the operator's "Try the card now"); returns whether
/// the invoice is paid now.
#[server]
pub async fn retry_invoice(invoice_id: i64) -> Result<bool, AppError> {
    use crate::backend::{context, dunning};
    let back = format!("/operator/invoices/{invoice_id}");
    context::as_operator(Some((&back, &[])), |st, operator| async move {
        let by = crate::domain::Actor::Operator(operator.email);
        dunning::retry::now(&st, invoice_id, &by).await
    })
    .await
}
