//! The operator's dashboard: tenant counts by state and the newest tenants.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::operator::{operator_dashboard, DashboardView};
use crate::components::loaded::Loaded;
use crate::components::table_box::{rows_or, TableBox};

/// The dashboard, for operators; others are sent to log in.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| operator_dashboard());
    view! {
        <Title text="Operator \u{2014} Tenantry" />
        <Loaded resource=data show={move |v| dashboard_view(v)} />
    }
}

fn dashboard_view(v: DashboardView) -> impl IntoView {
    view! {
        <section class="card wide">
            <h1>"Tenants"</h1>
            <div class="stats">
                <div class="stat total"><span class="n" data-count="live">{v.live_tenants}</span><span>"live tenants"</span></div>
                {v.by_state.into_iter().map(|c| view! {
                    <div class=format!("stat {}", c.state.as_str())><span class="n" data-count=c.state.as_str()>{c.count}</span><span>{c.state.label()}</span></div>
                }).collect_view()}
            </div>
            {rows_or(v.tenants, "No tenants yet: an instance appears here once its order is set up.", |tenants| view! {
            <TableBox label="Tenants">
            <table class="table tenants">
                <thead><tr><th>"Tenant"</th><th>"Instance"</th><th>"Company"</th><th>"Plan"</th><th>"State"</th><th>"Created (UTC)"</th></tr></thead>
                <tbody>
                    {tenants.into_iter().map(|t| view! {
                        <tr data-tenant=t.name.clone()>
                            <td><a href=format!("/operator/tenants/{}", t.id)>{t.name.clone()}</a></td>
                            <td><a href=t.url.clone()>"open"</a></td>
                            <td>{t.company}</td>
                            <td>{t.plan_name}</td>
                            <td><span class=format!("badge {}", t.state.as_str())>{t.state.label()}</span></td>
                            <td>{t.created_at}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </TableBox>
            })}
        </section>
    }
}
