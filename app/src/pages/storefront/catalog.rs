//! The storefront's home: every published plan as a card.
use leptos::prelude::*;
use leptos_meta::Title;

use leptos_router::hooks::use_params_map;

use crate::api::catalog::{storefront_catalog, PlanView, StorefrontView};
use crate::components::error_box::page_error;
use crate::components::table_box::TableBox;
use crate::domain::pricing::Offer;

/// Lists a storefront's plans (the default one at `/`, others at `/s/<code>`) in its colours.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let params = use_params_map();
    let catalog = Resource::new(
        move || params.read().get("storefront").unwrap_or_default(),
        storefront_catalog,
    );
    view! {
        <Title text="Plans \u{2014} Tenantry" />
        <Suspense fallback=|| view! { <p>"Loading plans\u{2026}"</p> }>
            {move || Suspend::new(async move {
                match catalog.await {
                    Ok(sf) => storefront_view(sf).into_any(),
                    Err(e) => view! { <p class="error">{page_error(&e)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn storefront_view(sf: StorefrontView) -> impl IntoView {
    let base = if sf.is_default {
        String::new()
    } else {
        format!("/s/{}", sf.code)
    };
    let cards = sf
        .plans
        .iter()
        .cloned()
        .map(|p| plan_card(p, &base))
        .collect_view();
    view! {
        <div class="storefront" data-storefront=sf.code.clone() style=format!("--accent: {}", sf.primary_color)>
            <section class="hero">
                {(!sf.logo_url.is_empty()).then(|| view! { <img class="logo" src=sf.logo_url.clone() alt="" /> })}
                <p class="product">{sf.name.clone()}</p>
                <h1>"Your business software, hosted for you"</h1>
                <p>{format!("Pick a plan, name your instance and start working in minutes. Prices in {}.", sf.currency)}</p>
            </section>
            <div class="plans">{cards}</div>
            <Comparison plans=sf.plans base=base />
        </div>
    }
}

fn plan_card(plan: PlanView, base: &str) -> impl IntoView {
    let href = format!("{base}/order/{}", plan.code);
    let price = match plan.offer {
        Offer::Trial => format!("Free for {} days", plan.trial_days),
        _ => format!("{} {}", plan.price_label, plan.period_label()),
    };
    let trial_note = (plan.offer == Offer::PaidOrTrial).then(
        || view! { <p class="notice">{format!("or try it free for {} days", plan.trial_days)}</p> },
    );
    view! {
        <article class="plan" data-plan=plan.code.clone()>
            <p class="product">{plan.product_name.clone()}</p>
            <h2>{plan.name.clone()}</h2>
            <p class="price">{price}</p>
            {trial_note}
            <p>{plan.description.clone()}</p>
            <ul class="facts">
                <li>{format!("{} users included", plan.included_users)}</li>
                <li>{format!("Modules: {}", plan.modules.join(", "))}</li>
            </ul>
            {match plan.offer {
                Offer::Trial => view! { <a class="button primary" href=href>"Start free trial"</a> }.into_any(),
                Offer::PaidOrTrial => view! { <a class="button primary" href=href>"Order or try free"</a> }.into_any(),
                Offer::Paid => view! { <a class="button primary" href=href>"Order now"</a> }.into_any(),
            }}
        </article>
    }
}

/// Every plan side by side: price, period, users and modules.
#[component]
fn Comparison(plans: Vec<PlanView>, base: String) -> impl IntoView {
    view! {
        <section class="card wide comparison">
            <h2>"Compare plans"</h2>
            <TableBox label="Compare plans">
            <table class="table">
                <thead><tr><th>"Plan"</th><th>"Product"</th><th class="num">"Price"</th><th class="num">"Users included"</th><th>"Modules"</th><th>"Free trial"</th></tr></thead>
                <tbody>
                    {plans.into_iter().map(|p| {
                        let price = if p.offer == Offer::Trial { "Free".to_string() } else { format!("{} {}", p.price_label, p.period_label()) };
                        let trial = if p.trial_days > 0 { format!("{} days", p.trial_days) } else { "\u{2014}".to_string() };
                        view! {
                            <tr data-compare=p.code.clone()>
                                <td><a href=format!("{base}/order/{}", p.code)>{p.name.clone()}</a></td>
                                <td>{p.product_name.clone()}</td>
                                <td class="num">{price}</td>
                                <td class="num">{p.included_users}</td>
                                <td>{p.modules.join(", ")}</td>
                                <td>{trial}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </TableBox>
        </section>
    }
}
