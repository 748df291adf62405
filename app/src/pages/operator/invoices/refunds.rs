//! The refunds of one invoice, for the operator: a form to refund it fully or partly (to the card
//! or to the customer's credit, with a reason) while anything is left, and the credit notes
//! issued against it. A plain form post, so it works before (or without) the WASM.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::credit_notes::{CreditNoteView, RefundInvoice, RefundableView};
use crate::components::table_box::{rows_or, TableBox};
use crate::domain::credit_notes::RefundDestination;
use crate::domain::Actor;

/// Which invoice the form refunds: its id and its order's (the refund checks they match).
#[derive(Clone, Copy)]
pub struct RefundTarget {
    /// The invoice.
    pub invoice_id: i64,
    /// The order it bills.
    pub order_id: i64,
}

/// What is left to refund, the refund form when something is, and the credit notes issued.
/// Each part renders on both sides from the page's one resource: no part is optional in the
/// markup (an empty list says so), so the server's HTML and the hydrated view match.
pub fn refunds_view(
    target: RefundTarget,
    left: RefundableView,
    notes: Vec<CreditNoteView>,
    refund: ServerAction<RefundInvoice>,
) -> impl IntoView {
    let form = if left.can_refund {
        refund_form(target, left, refund).into_any()
    } else {
        view! { <p class="muted" data-field="refundable">"Nothing can be refunded: the invoice is not paid, or was refunded in full."</p> }.into_any()
    };
    let list = rows_or(notes, "No credit note yet.", credit_notes_table);
    view! {
        <h2>"Refund"</h2>
        {form}
        <h2>"Credit notes"</h2>
        {list}
    }
}

fn refund_form(
    target: RefundTarget,
    left: RefundableView,
    refund: ServerAction<RefundInvoice>,
) -> impl IntoView {
    // After a refund the form starts afresh: the browser keeps what was typed into a field whose
    // default the reloaded page changed, so the fields go back to their defaults (what is now
    // left, no reason).
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(form)) = (refund.value().get(), form.get()) {
            form.reset();
        }
    });
    let options = RefundDestination::ALL
        .into_iter()
        .map(|d| view! { <option value=d.as_str()>{d.label()}</option> })
        .collect_view();
    view! {
        <p data-field="refundable">{format!("{} can still be refunded.", left.refundable)}</p>
        <ActionForm action=refund node_ref=form attr:class="form refund-form">
            <fieldset>
                <legend>"Refund this invoice"</legend>
                <input type="hidden" name="order_id" value=target.order_id.to_string() />
                <input type="hidden" name="invoice_id" value=target.invoice_id.to_string() />
                <label>"Amount" <input name="amount" inputmode="decimal" value=left.refundable_decimal required /></label>
                <label>"Refund" <select name="destination">{options}</select></label>
                <label>"Reason (printed on the credit note)" <input name="reason" required maxlength="500" /></label>
                <button type="submit">"Refund and issue a credit note"</button>
            </fieldset>
        </ActionForm>
    }
}

fn credit_notes_table(notes: Vec<CreditNoteView>) -> impl IntoView {
    view! {
        <TableBox label="Credit notes">
        <table class="table credit-notes">
            <thead><tr><th>"Number"</th><th class="num">"Amount"</th><th>"Refunded"</th><th>"Reason"</th><th>"When (UTC)"</th><th>"By"</th></tr></thead>
            <tbody>{notes.into_iter().map(|n| view! {
                <tr data-credit-note=n.number.clone()><td><a href=n.url>{n.number.clone()}</a></td><td class="num">{n.total}</td><td>{n.destination.label()}</td><td>{n.reason}</td><td>{n.issued_at}</td><td>{Actor::label_of(&n.issued_by)}</td></tr>
            }).collect_view()}</tbody>
        </table>
        </TableBox>
    }
}
