//! The counts per health level and the tenants that need attention, for the health page and the
//! dashboard.
use leptos::prelude::*;

use crate::components::table_box::{rows_or, TableBox};
use crate::domain::health::HealthLevel;
use crate::wire::health::{AttentionView, HealthSummaryView};

/// Live tenants per level, then the warning and critical ones, newest problem first.
#[component]
pub fn HealthPanel(
    /// What [`crate::api::health::health_summary`] answers.
    summary: HealthSummaryView,
) -> impl IntoView {
    let counts = [
        (Some(HealthLevel::Healthy), summary.healthy),
        (Some(HealthLevel::Warning), summary.warning),
        (Some(HealthLevel::Critical), summary.critical),
        (None, summary.unchecked),
    ];
    let last_round = match summary.last_round {
        Some(at) => format!("Last round of checks: {at}."),
        None => "No round of checks yet.".to_string(),
    };
    view! {
        <div class="health-panel">
            <ul class="stats health-counts" aria-label="Live tenants by health">
                {counts.into_iter().map(|(level, n)| {
                    let key = level.map_or("unchecked", HealthLevel::as_str);
                    let label = level.map_or("Not checked yet", HealthLevel::label);
                    view! {
                        <li class=format!("stat health {key}")>
                            <span class="n" data-count=key>{n}</span><span>{label}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="muted">{last_round}</p>
            {rows_or(summary.attention, "No tenant needs attention.", attention_table)}
        </div>
    }
}

fn attention_table(rows: Vec<AttentionView>) -> impl IntoView {
    view! {
        <TableBox label="Tenants that need attention">
        <table class="table health-attention">
            <caption>"Tenants that need attention, newest problem first"</caption>
            <thead><tr>
                <th scope="col">"Tenant"</th><th scope="col">"Level"</th><th scope="col">"Why"</th>
                <th scope="col">"Since (UTC)"</th><th scope="col">"Last check (UTC)"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr data-tenant=r.name data-level=r.level.as_str()>
                        <th scope="row"><a href=format!("/operator/tenants/{}", r.tenant_id)>{r.name.clone()}</a></th>
                        <td>{badge(r.level)}</td>
                        <td>{r.reason}</td>
                        <td>{r.since}</td>
                        <td>{r.checked_at}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </TableBox>
    }
}

/// A level as a coloured badge with its name.
pub fn badge(level: HealthLevel) -> impl IntoView {
    view! { <span class=format!("badge health {}", level.as_str())>{level.label()}</span> }
}
