//! One invoice for the operator: what it bills and to whom, its timeline (failed payments,
//! retries, suspension), the refund form while anything is left to refund, and its credit notes.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::refunds::{refunds_view, RefundTarget};
use crate::api::credit_notes::RefundInvoice;
use crate::api::invoices::{invoice_detail, InvoiceDetailView, InvoiceEventView, RetryInvoice};
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::table_box::{rows_or, TableBox};
use crate::domain::Actor;

/// The invoice page, for operators. The whole page is one resource (a resource of its own
/// inside the view would hydrate out of step with the server's HTML).
#[component]
pub fn InvoiceDetailPage() -> impl IntoView {
    let params = use_params_map();
    let edits = Edits::new();
    let refund = edits.action::<RefundInvoice, _>();
    let retry = edits.action::<RetryInvoice, _>();
    let detail = Resource::new(
        move || {
            // A malformed id is an unknown one: the server answers 404 for both.
            let id = params.read().get("id").and_then(|v| v.parse::<i64>().ok());
            (id.unwrap_or_default(), edits.version())
        },
        |(id, _)| invoice_detail(id),
    );
    let error = edits.error();
    view! {
        <Title text="Invoice \u{2014} Tenantry" />
        <section class="card wide">
            <div class="row"><h1>"Invoice"</h1><a href="/operator/orders?status=">"All orders"</a></div>
            <ErrorBox message=error />
            <Loaded resource=detail show={move |d| invoice_view(d, refund, retry)} />
        </section>
    }
}

fn invoice_view(
    d: InvoiceDetailView,
    refund: ServerAction<RefundInvoice>,
    retry: ServerAction<RetryInvoice>,
) -> impl IntoView {
    let i = d.invoice;
    let target = RefundTarget {
        invoice_id: i.id,
        order_id: d.order_id,
    };
    let printable = if d.printable_is_this {
        let pdf = format!("{}.pdf", d.printable_url);
        view! { <a href=d.printable_url data-field="printable">"page"</a>" \u{b7} "<a href=pdf data-field="pdf">"PDF"</a> }.into_any()
    } else {
        view! { "the customer's page shows the order's latest invoice: "<a href=d.printable_url data-field="printable">"open"</a> }.into_any()
    };
    let paid = if d.paid_on.is_empty() {
        "Not paid".to_string()
    } else {
        d.paid_on
    };
    view! {
        <dl class="facts" data-invoice=i.number.clone()>
            <dt>"Number"</dt><dd data-field="number">{i.number.clone()}</dd>
            <dt>"Status"</dt><dd><span class=format!("badge {}", i.status.as_str()) data-field="status">{i.status.label()}</span></dd>
            <dt>"Total"</dt><dd data-field="total">{i.total}</dd>
            <dt>"Issued"</dt><dd data-field="issued">{i.issued_on}</dd>
            <dt>"Due"</dt><dd>{d.due_on}</dd>
            <dt>"Paid"</dt><dd data-field="paid">{paid}</dd>
            <dt>"Customer"</dt><dd>{d.company}" \u{b7} "{d.email}</dd>
            <dt>"Order"</dt><dd><a href=format!("/operator/orders/{}", d.order_id) data-field="order">{d.instance_name}</a></dd>
            <dt>"Printable"</dt><dd>{printable}</dd>
        </dl>
        {d.retryable.then(|| view! {
            <ActionForm action=retry attr:class="inline retry-form">
                <input type="hidden" name="invoice_id" value=i.id.to_string() />
                <button type="submit">"Try the card now"</button>
            </ActionForm>
        })}
        <h2>"Timeline"</h2>
        {rows_or(d.events, "Nothing has happened to it since it was issued.", timeline)}
        {refunds_view(target, d.refund, d.credit_notes, refund)}
    }
}

fn timeline(events: Vec<InvoiceEventView>) -> impl IntoView {
    view! {
        <TableBox label="Timeline">
        <table class="table invoice-events">
            <thead><tr><th>"When (UTC)"</th><th>"Event"</th><th>"By"</th><th>"Detail"</th></tr></thead>
            <tbody>{events.into_iter().map(|e| view! {
                <tr data-event=e.event.as_str()><td>{e.at}</td><td>{e.event.label()}</td><td data-actor=e.actor.clone()>{Actor::label_of(&e.actor)}</td><td>{e.detail}</td></tr>
            }).collect_view()}</tbody>
        </table>
        </TableBox>
    }
}
