//! The charts (SVG drawn on the server), each with the same numbers as a table for screen readers
//! and for copying.
use leptos::prelude::*;

use crate::components::table_box::TableBox;
use crate::domain::format::percent;
use crate::wire::dashboard::{Chart, StateMonth, TrialCohort};

/// The charts section.
pub fn section(
    charts: Vec<Chart>,
    tenants: Vec<StateMonth>,
    trials: Vec<TrialCohort>,
) -> impl IntoView {
    view! {
        <section class="dash-section charts" aria-labelledby="charts-h">
            <h2 id="charts-h">"Trends"</h2>
            <div class="chart-grid">
                {charts.into_iter().map(|c| {
                    let alternative = match c.key.as_str() {
                        "tenants" => tenant_table(tenants.clone()).into_any(),
                        "trials" => trial_table(trials.clone()).into_any(),
                        _ => view! { <p class="muted">"The same numbers are in the table \u{201c}MRR by month\u{201d} above."</p> }.into_any(),
                    };
                    view! {
                        <figure class="chart" data-chart=c.key.clone()>
                            <figcaption>{c.title}</figcaption>
                            <div class="chart-svg" aria-hidden="true" inner_html=c.svg></div>
                            <details><summary>"As a table"</summary>{alternative}</details>
                        </figure>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}

fn tenant_table(months: Vec<StateMonth>) -> impl IntoView {
    let states: Vec<_> = months
        .first()
        .map(|m| m.counts.iter().map(|c| c.state).collect())
        .unwrap_or_default();
    view! {
        <TableBox label="Tenants by state, by month">
            <table class="table">
                <thead><tr><th scope="col">"Month"</th>
                    {states.iter().map(|s| view! { <th scope="col" class="num">{s.label()}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {months.into_iter().map(|m| view! {
                        <tr><th scope="row">{m.month.label()}</th>
                            {m.counts.into_iter().map(|c| view! { <td class="num">{c.count}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableBox>
    }
}

fn trial_table(cohorts: Vec<TrialCohort>) -> impl IntoView {
    view! {
        <TableBox label="Trial conversion by month">
            <table class="table trial-cohorts">
                <thead><tr><th scope="col">"Trials started in"</th><th scope="col" class="num">"Started"</th>
                    <th scope="col" class="num">"Became paid"</th><th scope="col" class="num">"Conversion"</th></tr></thead>
                <tbody>
                    {cohorts.into_iter().map(|c| {
                        let share = if c.started > 0 {
                            percent((c.converted * 10_000 + c.started / 2) / c.started)
                        } else {
                            "\u{2014}".to_string()
                        };
                        view! {
                            <tr data-month=c.month.to_string()><th scope="row">{c.month.label()}</th>
                                <td class="num">{c.started}</td><td class="num">{c.converted}</td><td class="num">{share}</td></tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </TableBox>
    }
}
