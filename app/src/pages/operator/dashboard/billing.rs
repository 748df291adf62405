//! The billing summary per currency.
use leptos::prelude::*;

use crate::components::table_box::{rows_or, TableBox};
use crate::domain::format::money_of;
use crate::i18n::Locale;
use crate::wire::dashboard::Billing;

/// The billing section.
pub fn section(billing: Vec<Billing>) -> impl IntoView {
    view! {
        <section class="dash-section billing" aria-labelledby="billing-h">
            <h2 id="billing-h">"Billing"</h2>
            {rows_or(billing, "No invoices yet.", |rows| view! {
                <TableBox label="Billing by currency">
                    <table class="table billing-summary">
                        <caption>"This month, what is unpaid, and what renews soon"</caption>
                        <thead><tr>
                            <th scope="col">"Currency"</th><th scope="col" class="num">"Invoiced this month"</th>
                            <th scope="col" class="num">"Collected this month"</th><th scope="col" class="num">"Open invoices"</th>
                            <th scope="col" class="num">"Overdue"</th><th scope="col" class="num">"Renewing in 7 days"</th>
                            <th scope="col" class="num">"Renewing in 30 days"</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|b| {
                                let c = b.currency.clone();
                                let f = b.figures;
                                let cell = move |(n, minor): (i64, i64)| format!("{} ({n})", money_of(minor, &c, Locale::En));
                                view! {
                                    <tr data-currency=b.currency.clone()>
                                        <th scope="row">{b.currency.clone()}</th>
                                        <td class="num" data-figure="invoiced">{cell(f.invoiced)}</td>
                                        <td class="num" data-figure="collected">{cell(f.collected)}</td>
                                        <td class="num" data-figure="open">{cell(f.open)}</td>
                                        <td class="num" data-figure="overdue">{cell(f.overdue)}</td>
                                        <td class="num" data-figure="renewing-7">{cell(f.renewing_7_days)}</td>
                                        <td class="num" data-figure="renewing-30">{cell(f.renewing_30_days)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </TableBox>
            })}
            <p class="muted small">"Amounts with tax, except renewals (what they renew for, before tax). In brackets: how many."</p>
        </section>
    }
}
