//! Tenants now: counts per state (orders waiting for payment or approval apart from the live
//! ones) and the newest tenants.
use leptos::prelude::*;

use crate::components::table_box::{rows_or, TableBox};
use crate::domain::TenantState;
use crate::wire::dashboard::{StateCount, TenantRowView};

/// The tenants section.
pub fn section(
    live: i64,
    by_state: Vec<StateCount>,
    awaiting_payment: i64,
    awaiting_approval: i64,
    tenants: Vec<TenantRowView>,
) -> impl IntoView {
    view! {
        <section class="dash-section tenants" aria-labelledby="tenants-h">
            <div class="row"><h2 id="tenants-h">"Tenants"</h2><a href="/operator/tenants">"All tenants"</a></div>
            <div class="stats">
                <div class="stat total"><span class="n" data-count="live">{live}</span><span>"live tenants"</span></div>
                {by_state.into_iter().map(|c| {
                    let label = if c.state == TenantState::Provisioning { "Being set up" } else { c.state.label() };
                    view! {
                        <div class=format!("stat {}", c.state.as_str())><span class="n" data-count=c.state.as_str()>{c.count}</span><span>{label}</span></div>
                    }
                }).collect_view()}
                <div class="stat waiting"><span class="n" data-count="awaiting_payment">{awaiting_payment}</span><span>"Orders awaiting payment"</span></div>
                <div class="stat waiting"><a href="/operator/orders?status=awaiting_approval"><span class="n" data-count="awaiting_approval">{awaiting_approval}</span><span>"Orders awaiting approval"</span></a></div>
            </div>
            {rows_or(tenants, "No tenants yet: an instance appears here once its order is set up.", |tenants| view! {
            <TableBox label="Newest tenants">
            <table class="table tenants">
                <caption>"Newest tenants"</caption>
                <thead><tr><th scope="col">"Tenant"</th><th scope="col">"Instance"</th><th scope="col">"Company"</th><th scope="col">"Plan"</th><th scope="col">"State"</th><th scope="col">"Created (UTC)"</th></tr></thead>
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
