//! A tenant's money and licence on the operator's tenant page: MRR, users against the licence,
//! the newest invoices and payments.
use leptos::prelude::*;

use crate::components::table_box::{rows_or, TableBox};
use crate::domain::format::money_of;
use crate::i18n::Locale;
use crate::wire::tenants::TenantDetailView;

/// The part of the page.
pub fn part(t: &TenantDetailView) -> impl IntoView {
    let seats = t.seats;
    let mrr = if t.mrr.is_empty() {
        "none".to_string()
    } else {
        t.mrr.clone()
    };
    let portal = format!("{}/portal", t.url);
    let invoices = t.invoices.clone();
    let payments = t.payments.clone();
    view! {
        <h2>"Billing and licence"</h2>
        <dl class="facts">
            <dt>"MRR"</dt><dd data-field="mrr">{mrr}</dd>
            <dt>"Users"</dt>
            <dd data-field="seats">{format!("{} of {} ({} invited)", seats.active + seats.invited, seats.licensed, seats.invited)}</dd>
            <dt>"Portal"</dt><dd><a href=portal>"Open the instance's portal"</a></dd>
        </dl>
        {rows_or(invoices, "No invoices yet.", |rows| view! {
            <TableBox label="Invoices">
                <table class="table">
                    <caption>"Newest invoices"</caption>
                    <thead><tr><th scope="col">"Invoice"</th><th scope="col">"Issued"</th><th scope="col" class="num">"Total"</th><th scope="col">"Status"</th></tr></thead>
                    <tbody>{rows.into_iter().map(|i| view! {
                        <tr data-invoice=i.number.clone()>
                            <td><a href=format!("/operator/invoices/{}", i.id)>{i.number.clone()}</a></td>
                            <td>{i.issued}</td>
                            <td class="num">{money_of(i.total_minor, &i.currency, Locale::En)}</td>
                            <td>{i.status.label()}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
            </TableBox>
        })}
        {rows_or(payments, "No payments yet.", |rows| view! {
            <TableBox label="Payments">
                <table class="table">
                    <caption>"Newest payments"</caption>
                    <thead><tr><th scope="col">"When"</th><th scope="col">"Invoice"</th><th scope="col" class="num">"Amount"</th><th scope="col">"Status"</th><th scope="col">"How"</th></tr></thead>
                    <tbody>{rows.into_iter().map(|p| view! {
                        <tr>
                            <td>{p.at}</td>
                            <td>{p.invoice.unwrap_or_default()}</td>
                            <td class="num">{money_of(p.amount_minor, &p.currency, Locale::En)}</td>
                            <td>{p.status.as_str().replace('_', " ")}</td>
                            <td>{p.method}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
            </TableBox>
        })}
    }
}
