//! The refunds of one order, for the operator: per paid invoice a form to refund it fully or
//! partly (to the card or to the customer's credit, with a reason), and the credit notes issued.
//! Plain form posts, so it works before (or without) the WASM.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::credit_notes::{CreditNoteView, RefundInvoice, RefundableInvoiceView};
use crate::components::table_box::TableBox;
use crate::domain::Actor;

/// What the refunds part of an order's page shows: the invoices that can be refunded and the
/// credit notes issued. Loaded with the order in the page's one resource: a resource of its own
/// inside the order's view would hydrate out of step with the server's HTML.
pub type Refunds = (Vec<RefundableInvoiceView>, Vec<CreditNoteView>);

/// The refund forms and credit notes of order `order_id`.
/// Nothing for an order without a paid invoice or credit note (a free trial): the page is then
/// the same before and after hydration, with no empty list in it.
pub fn refunds_section(
    order_id: i64,
    (invoices, notes): Refunds,
    refund: ServerAction<RefundInvoice>,
) -> impl IntoView {
    (!invoices.is_empty() || !notes.is_empty()).then(|| {
        view! {
            <h2>"Refunds"</h2>
            {refunds_view(order_id, invoices, notes, refund)}
        }
    })
}

fn refunds_view(
    order_id: i64,
    invoices: Vec<RefundableInvoiceView>,
    notes: Vec<CreditNoteView>,
    refund: ServerAction<RefundInvoice>,
) -> impl IntoView {
    let forms = invoices
        .into_iter()
        .map(|i| {
            let summary = format!(
                "Invoice {} ({}, {}): {} can still be refunded.",
                i.number,
                i.status.label(),
                i.total,
                i.refundable
            );
            let form = i.can_refund.then(|| view! {
                <ActionForm action=refund attr:class="inline refund-form">
                    <input type="hidden" name="order_id" value=order_id.to_string() />
                    <input type="hidden" name="invoice_id" value=i.id.to_string() />
                    <input name="amount" value=i.refundable_decimal.clone() aria-label="Amount to refund" size="10" />
                    <select name="destination" aria-label="Refund to">
                        <option value="card" selected>"to the card"</option>
                        <option value="customer_credit">"to the customer's credit"</option>
                    </select>
                    <input name="reason" placeholder="Reason (printed on the credit note)" aria-label="Reason" required />
                    <button type="submit">"Refund"</button>
                </ActionForm>
            });
            view! { <div class="refund" data-invoice=i.number.clone()><p>{summary}</p>{form}</div> }
        })
        .collect_view();
    let list = (!notes.is_empty()).then(|| view! {
        <TableBox label="Credit notes">
        <table class="table credit-notes">
            <thead><tr><th>"Number"</th><th>"Invoice"</th><th class="num">"Amount"</th><th>"To"</th><th>"Reason"</th><th>"When (UTC)"</th><th>"By"</th></tr></thead>
            <tbody>{notes.into_iter().map(|n| view! {
                <tr data-credit-note=n.number.clone()><td><a href=n.url>{n.number.clone()}</a></td><td>{n.invoice_number}</td><td class="num">{n.total}</td><td>{n.destination.label()}</td><td>{n.reason}</td><td>{n.issued_at}</td><td>{Actor::label_of(&n.issued_by)}</td></tr>
            }).collect_view()}</tbody>
        </table>
        </TableBox>
    });
    view! { {forms} {list} }
}
