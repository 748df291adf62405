//! The "Health" section of the operator's tenant page: the tenant's level, a check now, and its
//! checks, newest first. Read with the page itself (one resource), so it hydrates as rendered.
use leptos::form::ActionForm;
use leptos::prelude::*;

use super::panel::badge;
use crate::api::health::CheckTenantHealth;
use crate::components::table_box::{rows_or, TableBox};
use crate::wire::health::{HealthCheckView, TenantHealthView};

/// The tenant's health, read with the tenant page (a check now reads the page again).
pub fn section(h: TenantHealthView, check: ServerAction<CheckTenantHealth>) -> impl IntoView {
    view! {
        <section class="tenant-health" aria-labelledby="tenant-health-title">
            <h2 id="tenant-health-title">"Health"</h2>
            {health_view(h, check)}
        </section>
    }
}

fn health_view(h: TenantHealthView, check: ServerAction<CheckTenantHealth>) -> impl IntoView {
    let now = match (h.level, h.since) {
        (Some(level), since) => view! {
            <p data-field="health" data-level=level.as_str()>
                {badge(level)}
                {since.map(|s| format!(" since {s}"))}
                {(!h.reason.is_empty()).then(|| format!(": {}", h.reason))}
            </p>
        }
        .into_any(),
        (None, _) => {
            view! { <p class="muted" data-field="health">"Not checked yet."</p> }.into_any()
        }
    };
    let form = h.live.then(|| {
        view! {
            <ActionForm action=check attr:class="inline check-health-form">
                <input type="hidden" name="tenant_id" value=h.tenant_id.to_string() />
                <button type="submit">"Check now"</button>
            </ActionForm>
        }
    });
    view! {
        {now}
        {form}
        {rows_or(h.checks, "No checks yet: a running instance is checked at every round.", checks_table)}
    }
}

fn checks_table(checks: Vec<HealthCheckView>) -> impl IntoView {
    let unknown = || "\u{2014}".to_string();
    view! {
        <TableBox label="Health checks">
        <table class="table health-checks">
            <caption>"Health checks, newest first"</caption>
            <thead><tr>
                <th scope="col">"When (UTC)"</th><th scope="col">"Level"</th><th scope="col">"Why"</th>
                <th scope="col">"Reachable"</th><th scope="col">"Size"</th><th scope="col">"Users"</th>
                <th scope="col">"Last activity (UTC)"</th><th scope="col">"Failed jobs"</th>
            </tr></thead>
            <tbody>
                {checks.into_iter().map(|c| view! {
                    <tr data-level=c.level.as_str()>
                        <td>{c.checked_at}</td>
                        <td>{badge(c.level)}</td>
                        <td>{if c.reasons.is_empty() { unknown() } else { c.reasons.join("; ") }}</td>
                        <td>{if c.reachable { "yes" } else { "no" }}</td>
                        <td>{c.size.unwrap_or_else(unknown)}</td>
                        <td>{c.users.map_or_else(unknown, |n| n.to_string())}</td>
                        <td>{c.last_activity.unwrap_or_else(unknown)}</td>
                        <td>{c.failed_jobs}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </TableBox>
    }
}
