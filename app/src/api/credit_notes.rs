//! Credit notes: the customer's printable credit note, and the operator's refunds.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::credit_notes::{CreditNoteView, RefundableView};
pub use crate::wire::invoices::InvoiceView;

/// The credit note `number` of the order with this private token, as printed.
#[server]
pub async fn order_credit_note(token: String, number: String) -> Result<InvoiceView, AppError> {
    use crate::backend::{context, credit_notes};
    let st = context::state()?;
    let locale = context::request_locale();
    let result = credit_notes::document::for_order(&st.pool, &token, &number, locale).await;
    context::finish(result, None)
}

/// Refunds an invoice of the order, fully (`amount` empty) or partly, to the card or to the
/// customer's credit, with a reason printed on the credit note. Operators only. A plain form post
/// goes back to the invoice's page: with the error when refused, without a stale one when done.
#[server]
pub async fn refund_invoice(
    order_id: i64,
    invoice_id: i64,
    amount: String,
    destination: String,
    reason: String,
) -> Result<String, AppError> {
    use crate::backend::context;
    use crate::backend::credit_notes::refund::{refund_form, RefundForm};
    use crate::domain::Actor;
    let back = format!("/operator/invoices/{invoice_id}");
    let issued = context::as_operator(Some((&back, &[])), |st, operator| async move {
        let form = RefundForm {
            amount: &amount,
            destination: &destination,
            reason: &reason,
        };
        let actor = Actor::Operator(operator.email.clone());
        let issued = refund_form(&st, order_id, invoice_id, form, &actor).await?;
        Ok(issued.number)
    })
    .await?;
    if context::is_plain_form_post() {
        leptos_axum::redirect(&back);
    }
    Ok(issued)
}
