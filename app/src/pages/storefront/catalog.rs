//! The storefront's home: every published plan as a card with prices that hold no surprises
//! (per month and per year with the yearly saving, the setup fee, the first payment) and what the
//! plan installs, then all plans side by side. A monthly/yearly switch (radio buttons read by the
//! stylesheet, so it works without JavaScript) shows one period where a plan sells both.
use leptos::prelude::*;
use leptos_meta::Title;

use leptos_router::hooks::use_params_map;

use crate::api::catalog::{storefront_catalog, PlanView, StorefrontView};
use crate::components::error_box::page_error;
use crate::components::table_box::TableBox;
use crate::domain::pricing::Offer;
use crate::wire::catalog::PlanPrice;

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

/// Whether a plan sells both a monthly and a yearly period.
fn sells_both(plan: &PlanView) -> bool {
    let has = |m| plan.prices.iter().any(|p| p.period_months == m);
    has(1) && has(12)
}

fn storefront_view(sf: StorefrontView) -> impl IntoView {
    let base = if sf.is_default {
        String::new()
    } else {
        format!("/s/{}", sf.code)
    };
    let best_saving = sf
        .plans
        .iter()
        .filter(|p| sells_both(p))
        .flat_map(|p| p.prices.iter().filter(|x| x.period_months == 12))
        .map(|x| x.saving_percent)
        .max();
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
                <p>{format!("Pick a plan, name your instance and start working in minutes. Prices in {}, before VAT.", sf.currency)}</p>
            </section>
            {best_saving.map(|saving| view! {
                <div class="period-switch" role="radiogroup" aria-label="Show prices">
                    <input type="radio" name="period-switch" id="period-switch-1" value="1" checked />
                    <label for="period-switch-1">"Monthly"</label>
                    <input type="radio" name="period-switch" id="period-switch-12" value="12" />
                    <label for="period-switch-12">
                        "Yearly" {(saving > 0).then(|| view! { <span class="saving">{format!(" (save up to {saving}%)")}</span> })}
                    </label>
                </div>
            })}
            <div class="plans">{cards}</div>
            <Comparison plans=sf.plans base=base />
        </div>
    }
}

fn plan_card(plan: PlanView, base: &str) -> impl IntoView {
    let href = format!("{base}/order/{}", plan.code);
    let both = sells_both(&plan);
    let trial_note = (plan.offer == Offer::PaidOrTrial).then(
        || view! { <p class="trial-note">{format!("or try it free for {} days", plan.trial_days)}</p> },
    );
    let cta = match plan.offer {
        Offer::Trial => "Start free trial",
        Offer::PaidOrTrial => "Order or try free",
        Offer::Paid => "Order now",
    };
    let prices = if plan.offer == Offer::Trial || plan.prices.is_empty() {
        view! {
            <div class="period-price">
                <p class="price">{format!("Free for {} days", plan.trial_days)}</p>
                <p class="muted">"No card needed."</p>
                <a class="button primary" href=href.clone()>{cta}</a>
            </div>
        }
        .into_any()
    } else {
        let switched = |p: &&PlanPrice| !both || p.period_months == 1 || p.period_months == 12;
        let others: Vec<String> = plan
            .prices
            .iter()
            .filter(|p| !switched(p))
            .map(|p| {
                format!(
                    "{} every {} months ({} per month)",
                    p.per_period, p.period_months, p.per_month
                )
            })
            .collect();
        view! {
            {plan.prices.iter().filter(switched).map(|p| period_block(p, both, &href, cta)).collect_view()}
            {(!others.is_empty()).then(|| view! { <p class="muted other-periods">{format!("Also sold as {}.", others.join("; "))}</p> })}
        }
        .into_any()
    };
    let includes = if plan.includes.is_empty() {
        None
    } else {
        Some(format!("Includes {}", plan.includes.join(", ")))
    };
    view! {
        <article class="plan" data-plan=plan.code.clone()>
            <p class="product">{plan.product_name.clone()}</p>
            <h2>{plan.name.clone()}</h2>
            <p>{plan.description.clone()}</p>
            <ul class="facts">
                <li>{format!("{} users included", plan.included_users)}</li>
                {includes.map(|i| view! { <li data-field="includes">{i}</li> })}
            </ul>
            {prices}
            {trial_note}
        </article>
    }
}

/// One billing period's prices and the button that orders it. Where the plan sells monthly and
/// yearly, the block carries the period's class so the switch shows one of them.
fn period_block(p: &PlanPrice, switched: bool, href: &str, cta: &str) -> impl IntoView {
    let class = if switched {
        format!("period-price period-{}", p.period_months)
    } else {
        "period-price".to_string()
    };
    let headline = match p.period_months {
        1 => format!("{} per month", p.per_period),
        m => format!("{} per month", p.per_month) + &billed(m, &p.per_period),
    };
    let setup = if p.setup_fee.is_empty() {
        "No setup fee".to_string()
    } else {
        format!("Setup fee {}", p.setup_fee)
    };
    let href = format!("{href}?form[period_months]={}", p.period_months);
    view! {
        <div class=class data-period=p.period_months.to_string()>
            <p class="price">{headline}</p>
            {(p.saving_percent > 0).then(|| view! { <p class="saving">{format!("You save {}% against paying monthly", p.saving_percent)}</p> })}
            <p class="muted">{setup}" \u{b7} "{format!("first payment {} + VAT", p.first_payment)}</p>
            <a class="button primary" href=href>{cta.to_string()}</a>
        </div>
    }
}

/// ", billed €499.00 yearly" for a period of `months`.
fn billed(months: u32, per_period: &str) -> String {
    match months {
        12 => format!(", billed {per_period} yearly"),
        m => format!(", billed {per_period} every {m} months"),
    }
}

/// The price of a plan's period of `months`, or a dash.
fn price_of(plan: &PlanView, months: u32) -> String {
    plan.prices
        .iter()
        .find(|p| p.period_months == months)
        .map(|p| match months {
            1 => p.per_period.clone(),
            _ => format!("{} ({} per month)", p.per_period, p.per_month),
        })
        .unwrap_or_else(|| "\u{2014}".into())
}

/// Every plan side by side: prices per month and per year, setup fee, first payment, users,
/// modules and trial.
#[component]
fn Comparison(plans: Vec<PlanView>, base: String) -> impl IntoView {
    view! {
        <section class="card wide comparison">
            <h2>"Compare plans"</h2>
            <TableBox label="Compare plans">
            <table class="table">
                <thead><tr>
                    <th>"Plan"</th><th class="num">"Monthly"</th><th class="num">"Yearly"</th>
                    <th class="num">"Setup fee"</th><th class="num">"First payment"</th>
                    <th class="num">"Users included"</th><th>"Includes"</th><th>"Free trial"</th>
                </tr></thead>
                <tbody>
                    {plans.into_iter().map(|p| {
                        let first = p.prices.first();
                        let setup = first.map(|x| if x.setup_fee.is_empty() { "None".to_string() } else { x.setup_fee.clone() }).unwrap_or_else(|| "\u{2014}".into());
                        let first_payment = first.map(|x| format!("{} + VAT", x.first_payment)).unwrap_or_else(|| "Free".into());
                        let trial = if p.trial_days > 0 { format!("{} days", p.trial_days) } else { "\u{2014}".to_string() };
                        view! {
                            <tr data-compare=p.code.clone()>
                                <td><a href=format!("{base}/order/{}", p.code)>{p.name.clone()}</a><br/><span class="muted">{p.product_name.clone()}</span></td>
                                <td class="num">{price_of(&p, 1)}</td>
                                <td class="num">{price_of(&p, 12)}</td>
                                <td class="num">{setup}</td>
                                <td class="num">{first_payment}</td>
                                <td class="num">{p.included_users}</td>
                                <td>{p.includes.join(", ")}</td>
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
