//! A printable invoice, reached from the order's page.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::orders::{order_invoice, InvoiceView};
use crate::components::error_box::page_error;
use crate::domain::InvoiceStatus;

/// The invoice of an order, laid out for printing.
#[component]
pub fn InvoicePage() -> impl IntoView {
    let params = use_params_map();
    let invoice = Resource::new(
        move || params.read().get("token").unwrap_or_default(),
        order_invoice,
    );
    view! {
        <Title text="Invoice \u{2014} Tenantry" />
        <Suspense fallback=|| view! { <p>"Loading\u{2026}"</p> }>
            {move || Suspend::new(async move {
                match invoice.await {
                    Ok(i) => invoice_view(i).into_any(),
                    Err(e) => view! { <p class="error">{page_error(&e)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn invoice_view(i: InvoiceView) -> impl IntoView {
    let state = match (i.status, &i.paid_on) {
        (InvoiceStatus::Paid, Some(day)) => format!("Paid on {day}"),
        (InvoiceStatus::Void, _) => "Void".to_string(),
        _ => format!("Due on {}", i.due_on),
    };
    view! {
        <article class="card invoice">
            <div class="row">
                <div><h1>"Invoice " <span data-field="number">{i.number.clone()}</span></h1><p class="muted">{i.seller.clone()}</p></div>
                <p class=format!("badge {}", i.status.as_str()) data-field="status">{state}</p>
            </div>
            <dl class="facts-grid">
                <dt>"Issued"</dt><dd>{i.issued_on.clone()}</dd>
                <dt>"Billed to"</dt><dd class="bill-to" data-field="bill-to">{i.bill_to.clone()} <br/> {i.contact_name.clone()} " \u{b7} " {i.email.clone()}</dd>
            </dl>
            <table class="table">
                <thead><tr><th>"Description"</th><th class="num">"Qty"</th><th class="num">"Unit"</th><th class="num">"Amount"</th></tr></thead>
                <tbody>
                    {i.lines.into_iter().map(|l| view! {
                        <tr><td>{l.description}</td><td class="num">{l.quantity}</td><td class="num">{l.unit}</td><td class="num">{l.amount}</td></tr>
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr><td colspan="3">"Subtotal"</td><td class="num">{i.subtotal.clone()}</td></tr>
                    <tr><td colspan="3">{format!("Tax ({})", i.tax_rate)}</td><td class="num">{i.tax.clone()}</td></tr>
                    <tr><th colspan="3">"Total"</th><th class="num" data-field="total">{i.total.clone()}</th></tr>
                </tfoot>
            </table>
            <p class="no-print"><button type="button" on:click=|_| print_page()>"Print"</button></p>
        </article>
    }
}

/// Opens the browser's print dialog (an event handler, not an inline `onclick`, which the
/// Content-Security-Policy does not run).
fn print_page() {
    if let Err(e) = window().print() {
        leptos::logging::warn!("printing failed: {e:?}");
    }
}
