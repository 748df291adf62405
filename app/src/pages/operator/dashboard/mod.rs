//! The operator's dashboard: what needs action, revenue, billing and tenants, over a period of
//! 3, 12 or 24 months chosen by plain links (so it works without JavaScript).
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::dashboard::{operator_dashboard, DashboardView, PERIODS};
use crate::components::loaded::outcome;
use crate::pages::operator::health::HealthPanel;
use crate::pages::operator::utilization::UtilizationPanel;

mod actions;
mod billing;
mod charts;
mod feed;
mod live;
mod revenue;
mod tenants;

/// The dashboard, for operators; others are sent to log in.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let query = use_query_map();
    let months = move || {
        query
            .read()
            .get("months")
            .and_then(|m| m.parse::<u32>().ok())
    };
    let asked = move || query.read().get("months");
    let changes = live::changes();
    let data = Resource::new(
        move || (months(), asked(), changes.get()),
        |(months, asked, _)| async move {
            match (months, asked) {
                // Text that is not a number is refused the same way as a number out of range.
                (None, Some(_)) => operator_dashboard(Some(0)).await,
                (months, _) => operator_dashboard(months).await,
            }
        },
    );
    view! {
        <Title text="Dashboard \u{2014} Tenantry" />
        <section class="card wide dashboard">
            <div class="row">
                <h1>"Dashboard"</h1>
                <nav class="filters" aria-label="Period">
                    {PERIODS.into_iter().map(|p| {
                        let current = move || months().unwrap_or(12) == p;
                        view! {
                            <a href=format!("/operator?months={p}") class:active=current
                                aria-current=move || current().then_some("page")>{format!("{p} months")}</a>
                        }
                    }).collect_view()}
                </nav>
            </div>
            // A transition: a change heard keeps the page shown while it is read again.
            <Transition fallback=|| view! { <p>"Loading\u{2026}"</p> }>
                {move || Suspend::new(async move { outcome(data.await, dashboard_view) })}
            </Transition>
        </section>
    }
}

fn dashboard_view(v: DashboardView) -> impl IntoView {
    view! {
        <p class="muted as-of">{format!("As of {} \u{b7} last {} months", v.as_of, v.months)}</p>
        {actions::list(v.actions)}
        {feed::list(v.feed)}
        {revenue::section(v.revenue, v.reporting)}
        {charts::section(v.charts, v.tenant_months.clone(), v.trials)}
        <section class="dash-section health" aria-labelledby="health-h">
            <div class="row"><h2 id="health-h">"Tenant health"</h2><a href="/operator/health">"Health checks"</a></div>
            <HealthPanel summary=v.health />
        </section>
        <section class="dash-section utilization" aria-labelledby="utilization-h">
            <h2 id="utilization-h">"Resource utilization"</h2>
            <UtilizationPanel report=v.utilization />
        </section>
        {billing::section(v.billing)}
        {tenants::section(v.live_tenants, v.by_state, v.awaiting_payment, v.awaiting_approval, v.tenants)}
    }
}
