//! Revenue per currency: MRR, ARR, customers and the ratios, the months of the period as a table,
//! and how each figure is counted.
use leptos::prelude::*;

use crate::components::table_box::TableBox;
use crate::domain::format::{money_of, percent};
use crate::i18n::Locale;
use crate::wire::dashboard::{ReportingTotal, Revenue};

/// The definitions shown with the figures.
const DEFINITIONS: [(&str, &str); 10] = [
    ("MRR", "The sum over active paid subscriptions of running tenants of what each renews for, per month (a yearly price / 12, quarterly / 3): add-ons, extra users and running discounts included, tax excluded, trials excluded."),
    ("ARR", "12 \u{d7} MRR."),
    ("New", "MRR of a customer's first payment."),
    ("Expansion", "An increase from a paying customer: an upgrade, an add-on, more users, another subscription, a discount ending, a new price at renewal."),
    ("Reactivation", "A customer who had churned pays again (also a tenant resumed after a suspension)."),
    ("Contraction", "A decrease from a customer who still pays: a downgrade, a discount, one of several subscriptions ending."),
    ("Churn", "The customer's last paid subscription ends or its tenant stops running (suspended, archived)."),
    ("ARPA", "MRR / paying customers."),
    ("Churn rates", "Customer churn: customers lost in the month / customers at its start. Gross MRR churn: (churn + contraction) / opening MRR. Net MRR churn: (churn + contraction \u{2212} expansion \u{2212} reactivation) / opening MRR; negative means growth."),
    ("LTV", "ARPA / the average monthly customer churn rate of the period; shown once three months began with customers and some churned. A customer is a customer per currency; each month opens at the last one's close."),
];

fn money(minor: i64, currency: &str) -> String {
    money_of(minor, currency, Locale::En)
}

fn share(bp: Option<i64>) -> String {
    bp.map_or_else(|| "\u{2014}".to_string(), percent)
}

/// The revenue section.
pub fn section(revenue: Vec<Revenue>, reporting: Option<ReportingTotal>) -> impl IntoView {
    view! {
        <section class="dash-section revenue" aria-labelledby="revenue-h">
            <h2 id="revenue-h">"Revenue"</h2>
            {match reporting {
                Some(ReportingTotal::Converted(total)) => currency(total, true).into_any(),
                Some(ReportingTotal::MissingRate(why)) => view! { <p class="notice" role="status">{why}</p> }.into_any(),
                None => ().into_any(),
            }}
            {if revenue.is_empty() {
                view! { <p class="muted empty">"No paid subscriptions yet: MRR starts with the first paid order."</p> }.into_any()
            } else {
                revenue.into_iter().map(|r| currency(r, false)).collect_view().into_any()
            }}
            <details class="definitions">
                <summary>"How these figures are counted"</summary>
                <dl>
                    {DEFINITIONS.into_iter().map(|(term, def)| view! { <dt>{term}</dt><dd>{def}</dd> }).collect_view()}
                </dl>
            </details>
        </section>
    }
}

fn currency(r: Revenue, total: bool) -> impl IntoView {
    let c = r.currency.clone();
    let title = if total {
        format!("All currencies in {c}")
    } else {
        format!("In {c}")
    };
    let kpi = |label: &'static str, value: String, key: &'static str| {
        let term = DEFINITIONS
            .iter()
            .find(|(t, _)| *t == label)
            .map_or("", |(_, d)| *d);
        view! { <div class="stat kpi" title=term><span class="n" data-kpi=key>{value}</span><span>{label}</span></div> }
    };
    let ratios = r.ratios;
    let (attr, table_label, caption) = (
        c.clone(),
        format!("MRR by month, {c}"),
        format!("MRR by month ({c}); the last month runs to today"),
    );
    let rows = r
        .months
        .into_iter()
        .map(|m| month_row(m, &c))
        .collect_view();
    view! {
        <div class="currency" data-currency=attr data-total=total.to_string()>
            <h3>{title}</h3>
            <div class="stats">
                {kpi("MRR", money(r.mrr_minor, &c), "mrr")}
                {kpi("ARR", money(r.arr_minor, &c), "arr")}
                <div class="stat kpi"><span class="n" data-kpi="customers">{r.customers}</span><span>"Paying customers"</span></div>
                {kpi("ARPA", ratios.arpa_minor.map_or_else(|| "\u{2014}".into(), |a| money(a, &c)), "arpa")}
                <div class="stat kpi" title="Customers lost this month / customers at its start."><span class="n" data-kpi="customer-churn">{share(ratios.customer_churn_bp)}</span><span>"Customer churn"</span></div>
                <div class="stat kpi" title="(Churn + contraction) / opening MRR, this month."><span class="n" data-kpi="gross-churn">{share(ratios.gross_mrr_churn_bp)}</span><span>"Gross MRR churn"</span></div>
                <div class="stat kpi" title="(Churn + contraction \u{2212} expansion \u{2212} reactivation) / opening MRR, this month."><span class="n" data-kpi="net-churn">{share(ratios.net_mrr_churn_bp)}</span><span>"Net MRR churn"</span></div>
                {kpi("LTV", ratios.ltv_minor.map_or_else(|| "\u{2014}".into(), |l| money(l, &c)), "ltv")}
            </div>
            <TableBox label=table_label>
                <table class="table mrr-months">
                    <caption>{caption}</caption>
                    <thead><tr>
                        <th scope="col">"Month"</th><th scope="col" class="num">"Opening"</th><th scope="col" class="num">"New"</th>
                        <th scope="col" class="num">"Expansion"</th><th scope="col" class="num">"Reactivation"</th>
                        <th scope="col" class="num">"Contraction"</th><th scope="col" class="num">"Churn"</th>
                        <th scope="col" class="num">"Closing"</th><th scope="col" class="num">"Customers"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </TableBox>
        </div>
    }
}

fn month_row(m: crate::domain::mrr::MonthFigures, c: &str) -> impl IntoView {
    let label = m.month.map(|m| m.label()).unwrap_or_default();
    let key = m.month.map(|m| m.to_string()).unwrap_or_default();
    view! {
        <tr data-month=key>
            <th scope="row">{label}</th>
            <td class="num">{money(m.opening_minor, c)}</td>
            <td class="num">{money(m.new_minor, c)}</td>
            <td class="num">{money(m.expansion_minor, c)}</td>
            <td class="num">{money(m.reactivation_minor, c)}</td>
            <td class="num">{money(m.contraction_minor, c)}</td>
            <td class="num">{money(m.churn_minor, c)}</td>
            <td class="num">{money(m.closing_minor, c)}</td>
            <td class="num">{m.customers_end}</td>
        </tr>
    }
}
