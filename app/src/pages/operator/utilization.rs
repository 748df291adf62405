//! Resource utilization across the fleet, for the health page and the dashboard: per resource,
//! the tenants nearest to their limits, and per database server. Each share is a number and a
//! bar (`<meter>`), so it reads the same without styles or scripts.
use leptos::prelude::*;

use crate::components::table_box::{rows_or, TableBox};
use crate::domain::format::percent;
use crate::wire::utilization::{ResourceUseView, ServerUseView, TenantUseView, UtilizationView};

/// The utilization report as three tables.
#[component]
pub fn UtilizationPanel(
    /// What [`crate::api::utilization::utilization`] answers.
    report: UtilizationView,
) -> impl IntoView {
    view! {
        <div class="utilization-panel">
            <p class="muted">{format!(
                "{} running tenants, {} of them checked; use as the last check measured it.",
                report.tenants, report.measured
            )}</p>
            {resources_table(report.resources)}
            <h3>"Nearest to their limits"</h3>
            {rows_or(report.nearest, "No tenant has a measured use of a limited resource yet.", nearest_table)}
            <h3>"Database servers"</h3>
            {rows_or(report.servers, "No tenant has a database yet.", servers_table)}
        </div>
    }
}

/// A share as text and a bar (the bar is decoration: the text says it).
fn share(basis_points: Option<i64>) -> impl IntoView {
    match basis_points {
        Some(bp) => view! {
            <meter min="0" max="10000" low="8000" high="9500" optimum="0" value=bp.to_string() aria-hidden="true"></meter>
            " "{percent(bp)}
        }
        .into_any(),
        None => "\u{2014}".into_any(),
    }
}

fn resources_table(rows: Vec<ResourceUseView>) -> impl IntoView {
    view! {
        <TableBox label="Resources">
        <table class="table utilization-resources">
            <caption>"Per resource: used against included, across running tenants"</caption>
            <thead><tr>
                <th scope="col">"Resource"</th><th scope="col">"Tenants"</th><th scope="col">"Used"</th>
                <th scope="col">"Included"</th><th scope="col">"Share"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr data-resource=r.code.clone()>
                        <th scope="row">{r.name}</th>
                        <td>{r.tenants}</td>
                        <td data-field="used">{r.used_text}</td>
                        <td data-field="included">{r.included_text}</td>
                        <td>{share(r.basis_points)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </TableBox>
    }
}

fn nearest_table(rows: Vec<TenantUseView>) -> impl IntoView {
    view! {
        <TableBox label="Tenants nearest to their limits">
        <table class="table utilization-nearest">
            <caption>"Tenants using the largest share of what they include"</caption>
            <thead><tr>
                <th scope="col">"Tenant"</th><th scope="col">"Resource"</th><th scope="col">"Used"</th>
                <th scope="col">"Included"</th><th scope="col">"Share"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr data-tenant=r.name data-over=r.over.to_string()>
                        <th scope="row"><a href=format!("/operator/tenants/{}", r.tenant_id)>{r.name.clone()}</a></th>
                        <td>{r.resource}</td>
                        <td>{r.used_text}</td>
                        <td>{r.included_text}</td>
                        <td>{share(Some(r.basis_points))}{r.over.then_some(" (over)")}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </TableBox>
    }
}

fn servers_table(rows: Vec<ServerUseView>) -> impl IntoView {
    view! {
        <TableBox label="Database servers">
        <table class="table utilization-servers">
            <caption>"Per database server: tenants, size and share of its capacity"</caption>
            <thead><tr>
                <th scope="col">"Server"</th><th scope="col">"Kind"</th><th scope="col">"Tenants"</th>
                <th scope="col">"Size"</th><th scope="col">"Capacity"</th><th scope="col">"Share"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr data-server=r.id>
                        <th scope="row">{r.id.clone()}</th>
                        <td>{r.engine}</td>
                        <td data-field="tenants">{r.tenants}</td>
                        <td data-field="size">{r.size_text}</td>
                        <td>{r.capacity_text}</td>
                        <td>{share(Some(r.basis_points))}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </TableBox>
    }
}
