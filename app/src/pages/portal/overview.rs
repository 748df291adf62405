//! The portal's overview: plan, state, modules and the instance's users.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::auth::Logout;
use crate::api::portal::{portal_overview, PortalView};
use crate::components::loaded::Loaded;

/// Shows the instance to its admin; others are sent to log in or told it does not exist.
#[component]
pub fn OverviewPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| portal_overview());
    view! {
        <Title text="Your instance \u{2014} Tenantry" />
        <Loaded resource=overview show={move |v| portal_view(v)} />
    }
}

fn portal_view(v: PortalView) -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    let seats = format!("{} of {} users", v.users.len(), v.included_users);
    view! {
        <section class="card">
            <div class="row">
                <h1>{v.name.clone()}</h1>
                <ActionForm action=logout><button type="submit">"Log out"</button></ActionForm>
            </div>
            <p class="muted">{v.company.clone()} " \u{b7} " <a href=v.instance_url.clone()>{v.instance_url.clone()}</a></p>
            <dl class="facts-grid">
                <dt>"Plan"</dt><dd data-field="plan">{v.plan_name.clone()} " \u{b7} " <a href="/portal/subscription">"Subscription and changes"</a></dd>
                <dt>"State"</dt><dd data-field="state"><span class=format!("badge {}", v.state.as_str())>{v.state.label()}</span></dd>
                {v.trial_ends_at.clone().map(|d| view! { <dt>"Trial ends"</dt><dd data-field="trial-ends">{d}</dd> })}
                <dt>"Licence"</dt><dd>{seats}</dd>
                <dt>"Modules"</dt><dd>{v.modules.join(", ")}</dd>
            </dl>
            <h2>"Users"</h2>
            <table class="table users">
                <thead><tr><th>"Name"</th><th>"Email"</th><th>"Role"</th></tr></thead>
                <tbody>
                    {v.users.into_iter().map(|u| view! { <tr><td>{u.full_name}</td><td>{u.email}</td><td>{u.role}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
