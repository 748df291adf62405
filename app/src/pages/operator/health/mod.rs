//! The operator's health page: the counts per level and the tenants that need attention, the
//! fleet's resource utilization, and the settings (how often instances are checked, the
//! thresholds of each level). The settings form posts without JavaScript too.
mod panel;
mod settings;
mod tenant;

pub use panel::HealthPanel;
pub use tenant::section as tenant_health_section;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::health::{health_settings, health_summary, SaveHealthSettings};
use crate::api::utilization::utilization;
use crate::components::edits::Edits;
use crate::components::loaded::Loaded;
use crate::pages::operator::utilization::UtilizationPanel;

/// The health page, for operators.
#[component]
pub fn HealthPage() -> impl IntoView {
    let edits = Edits::new();
    let save = edits.action::<SaveHealthSettings, _>();
    let summary = Resource::new(move || edits.version(), |_| health_summary());
    let current = Resource::new(move || edits.version(), |_| health_settings());
    let report = Resource::new(|| (), |_| utilization());
    view! {
        <Title text="Tenant health \u{2014} Tenantry" />
        <section class="card wide" aria-labelledby="health-title">
            <div class="row"><h1 id="health-title">"Tenant health"</h1><a href="#health-settings">"Settings"</a></div>
            <Loaded resource=summary show=|s| view! { <HealthPanel summary=s /> } />
        </section>
        <section class="card wide" aria-labelledby="utilization-title">
            <h2 id="utilization-title">"Resource utilization"</h2>
            <Loaded resource=report show=|r| view! { <UtilizationPanel report=r /> } />
        </section>
        <section class="card wide" aria-labelledby="health-settings">
            <h2 id="health-settings">"Checks and thresholds"</h2>
            <Loaded resource=current show={move |c| settings::form(c, save)} />
        </section>
    }
}
