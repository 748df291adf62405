//! A printable invoice, reached from the order's page.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::orders::{order_invoice, InvoiceView};
use crate::components::error_box::page_error;
use crate::domain::countries;
use crate::domain::InvoiceStatus;
use crate::error::AppError;
use crate::i18n::{locale, t, t_args};
use crate::wire::invoices::PaymentView;

/// The invoice of an order, laid out for printing.
#[component]
pub fn InvoicePage() -> impl IntoView {
    let params = use_params_map();
    let invoice = Resource::new(
        move || params.read().get("token").unwrap_or_default(),
        order_invoice,
    );
    view! {
        <Title text=t("invoice-title") />
        <Suspense fallback=|| view! { <p>{t("invoice-loading")}</p> }>
            {move || Suspend::new(async move {
                match invoice.await {
                    Ok(i) => {
                        let token = params.read_untracked().get("token").unwrap_or_default();
                        invoice_view(i, format!("/orders/{token}/invoice.pdf")).into_any()
                    }
                    Err(AppError::NotFound) => view! {
                        <section class="card">
                            <h1>{t("invoice-none-heading")}</h1>
                            <p>{t("invoice-none-text")}</p>
                            <p><a href=format!("/orders/{}", params.read_untracked().get("token").unwrap_or_default())>{t("invoice-back")}</a></p>
                        </section>
                    }.into_any(),
                    Err(e) => view! { <h1>{t("invoice-heading")}</h1><p class="error">{page_error(&e)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The printable document: an invoice, or a credit note (which names the invoice it credits);
/// `pdf` is where its PDF is downloaded.
pub(crate) fn invoice_view(i: InvoiceView, pdf: String) -> impl IntoView {
    let state = match (i.status, &i.paid_on, &i.credit_for) {
        (_, _, Some(_)) => t("credit-note-settled"),
        (InvoiceStatus::Paid, Some(day), _) => t_args("invoice-paid-on", &[("day", day.clone())]),
        (InvoiceStatus::Void, _, _) => t("invoice-void"),
        _ => t_args("invoice-due-on", &[("day", i.due_on.clone())]),
    };
    let heading = match i.credit_for {
        Some(_) => t("credit-note-heading"),
        None => t("invoice-heading"),
    };
    let credit_for = i.credit_for.clone();
    let s = i.seller.clone();
    view! {
        <article class="card invoice">
            <div class="row">
                <div><h1>{heading} " " <span data-field="number">{i.number.clone()}</span></h1></div>
                <p class=format!("badge {}", i.status.as_str()) data-field="status">{state}</p>
            </div>
            <div class="invoice-parties">
                <address class="seller" data-field="seller">
                    <strong data-field="seller-legal-name">{s.legal_name}</strong><br/>
                    <span class="bill-to">{s.address}</span><br/>{countries::name(&s.country, locale())}
                    {(!s.vat_id.is_empty()).then(|| view! { <br/>{vat_id_label()} " " <span data-field="seller-vat-id">{s.vat_id.clone()}</span> })}
                    {(!s.registration_number.is_empty()).then(|| view! { <br/>{s.registration_number.clone()} })}
                </address>
                <dl class="facts-grid">
                    {credit_for.as_ref().map(|c| view! { <dt>{t("credit-note-invoice")}</dt><dd data-field="credited-invoice">{c.invoice_number.clone()}</dd> })}
                    <dt>{t("invoice-issued")}</dt><dd data-field="issued">{i.issued_on.clone()}</dd>
                    <dt>{t("invoice-billed-to")}</dt><dd class="bill-to" data-field="bill-to">{i.bill_to.clone()} <br/> {i.contact_name.clone()} " \u{b7} " {i.email.clone()}
                        {(!i.customer_vat_id.is_empty()).then(|| view! { <br/>{vat_id_label()} " " <span data-field="customer-vat-id">{i.customer_vat_id.clone()}</span> })}
                    </dd>
                </dl>
            </div>
            <table class="table">
                <thead><tr><th>{t("invoice-description")}</th><th>{t("invoice-period")}</th><th class="num">{t("invoice-qty")}</th><th class="num">{t("invoice-unit")}</th><th class="num">{t("invoice-amount")}</th></tr></thead>
                <tbody>
                    {i.lines.into_iter().map(|l| view! {
                        <tr><td>{l.description}</td><td class="period">{l.period}</td><td class="num">{l.quantity}</td><td class="num">{l.unit}</td><td class="num">{l.amount}</td></tr>
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr><td colspan="4">{t("invoice-subtotal")}</td><td class="num" data-field="subtotal">{i.subtotal.clone()}</td></tr>
                    {i.taxes.into_iter().map(|t| view! {
                        <tr><td colspan="4">{t.label}</td><td class="num" data-field="tax">{t.amount}</td></tr>
                    }).collect_view()}
                    <tr class="invoice-total"><th colspan="4">{t("invoice-total")}</th><th class="num" data-field="total">{i.total.clone()}</th></tr>
                </tfoot>
            </table>
            {i.reverse_charge_note.map(|n| view! { <p class="reverse-charge" data-field="reverse-charge"><strong>{n}</strong></p> })}
            {payment_view(i.payment)}
            {credit_for.map(|c| view! { <p data-field="reason">{t_args("credit-note-reason", &[("reason", c.reason)])}</p> })}
            <p class="no-print">
                <a class="button" href=pdf download data-field="pdf">{t("invoice-download")}</a>
                " "
                <button type="button" on:click=|_| print_page()>{t("invoice-print")}</button>
            </p>
        </article>
    }
}

/// How the invoice was paid, or the bank details to pay it.
fn payment_view(p: PaymentView) -> impl IntoView {
    match p {
        PaymentView::Paid { how } => {
            view! { <p data-field="paid-by">{t_args("invoice-paid", &[("how", how)])}</p> }.into_any()
        }
        PaymentView::Void => {
            view! { <p>{t("invoice-void-text")}</p> }.into_any()
        }
        PaymentView::Refunded { how } => {
            view! { <p data-field="refunded-to">{how}</p> }.into_any()
        }
        PaymentView::Open {
            amount,
            due_on,
            account_holder,
            iban,
            bic,
            bank_name,
            reference,
        } => view! {
            <section class="bank-details" data-field="bank-details">
                <p><strong>{t_args("invoice-transfer-to", &[("amount", amount), ("dueOn", due_on)])}</strong></p>
                <dl class="facts-grid">
                    <dt>{t("bank-account-holder")}</dt><dd>{account_holder}</dd>
                    <dt>{t("bank-iban")}</dt><dd data-field="iban">{iban}</dd>
                    <dt>{t("bank-bic")}</dt><dd>{bic}</dd>
                    <dt>{t("bank-bank")}</dt><dd>{bank_name}</dd>
                    <dt>{t("bank-reference")}</dt><dd data-field="reference">{reference}</dd>
                </dl>
            </section>
        }
        .into_any(),
    }
}

/// The label before a VAT ID ("VAT ID:", "USt-IdNr.:"), the ID itself in its own element.
fn vat_id_label() -> String {
    t_args("invoice-vat-id", &[("vatId", String::new())])
        .trim_end()
        .to_string()
}

/// Opens the browser's print dialog (an event handler, not an inline `onclick`, which the
/// Content-Security-Policy does not run).
fn print_page() {
    if let Err(e) = window().print() {
        leptos::logging::warn!("printing failed: {e:?}");
    }
}
