//! Every tenant for the operator: search by instance name, company or email, filter by state,
//! plan and health, 50 a page. A plain GET form, so it works without JavaScript and the address can be kept.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::tenants::{list_tenants, TenantListView};
use crate::components::loaded::Loaded;
use crate::components::pager::Pager;
use crate::components::table_box::{rows_or, TableBox};
use crate::domain::health::HealthLevel;
use crate::domain::TenantState;

/// The tenant list, for operators.
#[component]
pub fn TenantListPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |k: &str| query.read().get(k).unwrap_or_default();
    let data = Resource::new(
        move || {
            (
                param("q"),
                param("state"),
                param("plan"),
                param("health"),
                param("page"),
            )
        },
        |(q, state, plan, health, page)| list_tenants(q, state, plan, health, page.parse().ok()),
    );
    view! {
        <Title text="Tenants \u{2014} Tenantry" />
        <section class="card wide">
            <h1>"Tenants"</h1>
            <form method="get" action="/operator/tenants" class="form inline filters-form" role="search">
                <label>"Search"<input type="search" name="q" maxlength="100" value=param("q")
                    placeholder="Instance, company or email" /></label>
                <label>"State"
                    <select name="state">
                        <option value="">"Any"</option>
                        {TenantState::ALL.into_iter().map(|s| view! {
                            <option value=s.as_str() selected=param("state") == s.as_str()>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"Health"
                    <select name="health">
                        <option value="">"Any"</option>
                        {HealthLevel::ALL.into_iter().map(|h| view! {
                            <option value=h.as_str() selected=param("health") == h.as_str()>{h.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <input type="hidden" name="plan" value=param("plan") />
                <button type="submit">"Find"</button>
            </form>
            <Loaded resource=data show={move |v| list(v, param("q"), param("state"), param("plan"), param("health"))} />
        </section>
    }
}

fn list(
    v: TenantListView,
    q: String,
    state: String,
    plan: String,
    health: String,
) -> impl IntoView {
    let keep: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(
            [
                ("q", &q),
                ("state", &state),
                ("plan", &plan),
                ("health", &health),
            ]
            .iter()
            .filter(|(_, v)| !v.is_empty()),
        )
        .finish();
    let (page, pages, total) = (v.page, v.pages, v.total);
    view! {
        <nav class="filters" aria-label="Plan">
            <a href=format!("/operator/tenants?q={}&state={}&health={}", enc(&q), enc(&state), enc(&health)) class:active=plan.is_empty()>"All plans"</a>
            {v.plans.into_iter().map(|p| {
                let href = format!("/operator/tenants?q={}&state={}&health={}&plan={}", enc(&q), enc(&state), enc(&health), enc(&p));
                let active = p == plan;
                view! { <a href=href class:active=active>{p}</a> }
            }).collect_view()}
        </nav>
        <p class="muted" data-total=total>{if total == 1 { "1 tenant".to_string() } else { format!("{total} tenants") }}</p>
        {rows_or(v.rows, "No tenant matches: try another search or filter.", |rows| view! {
            <TableBox label="Tenants">
                <table class="table tenants">
                    <thead><tr><th scope="col">"Tenant"</th><th scope="col">"Company"</th><th scope="col">"Email"</th><th scope="col">"Plan"</th>
                        <th scope="col">"State"</th><th scope="col" class="num">"MRR"</th><th scope="col">"Created"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|t| view! {
                            <tr data-tenant=t.name.clone()>
                                <td><a href=format!("/operator/tenants/{}", t.id)>{t.name.clone()}</a></td>
                                <td>{t.company}</td>
                                <td>{t.email}</td>
                                <td>{t.plan_name}</td>
                                <td><span class=format!("badge {}", t.state.as_str())>{t.state.label()}</span></td>
                                <td class="num">{t.mrr}</td>
                                <td>{t.created_at}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableBox>
        })}
        <Pager path="/operator/tenants" page=page pages=pages query=keep />
    }
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
