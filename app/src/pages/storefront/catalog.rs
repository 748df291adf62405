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
use crate::i18n::{money_of, t, t_args};
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
        <Title text=t("catalog-title") />
        <Suspense fallback=|| view! { <p>{t("catalog-loading")}</p> }>
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
                <h1>{t("catalog-headline")}</h1>
                <p>{t_args("catalog-intro", &[("currency", sf.currency.clone())])}</p>
            </section>
            {best_saving.map(|saving| view! {
                <div class="period-switch" role="radiogroup" aria-label=t("catalog-show-prices")>
                    <input type="radio" name="period-switch" id="period-switch-1" value="1" checked />
                    <label for="period-switch-1">{t("catalog-monthly")}</label>
                    <input type="radio" name="period-switch" id="period-switch-12" value="12" />
                    <label for="period-switch-12">
                        {t("catalog-yearly")} " " {(saving > 0).then(|| view! { <span class="saving">{t_args("catalog-save-up-to", &[("percent", saving.to_string())])}</span> })}
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
        || view! { <p class="trial-note">{t_args("plan-trial-note", &[("days", plan.trial_days.to_string())])}</p> },
    );
    let cta = match plan.offer {
        Offer::Trial => t("plan-cta-trial"),
        Offer::PaidOrTrial => t("plan-cta-paid-or-trial"),
        Offer::Paid => t("plan-cta-paid"),
    };
    let prices = if plan.offer == Offer::Trial || plan.prices.is_empty() {
        view! {
            <div class="period-price">
                <p class="price">{t_args("plan-free-for-days", &[("days", plan.trial_days.to_string())])}</p>
                <p class="muted">{t("plan-no-card")}</p>
                <a class="button primary" href=href.clone()>{cta.clone()}</a>
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
                t_args(
                    "plan-other-period",
                    &[
                        ("amount", money_of(p.per_period_minor, &plan.currency)),
                        ("months", p.period_months.to_string()),
                        ("perMonth", money_of(p.per_month_minor, &plan.currency)),
                    ],
                )
            })
            .collect();
        view! {
            {plan.prices.iter().filter(switched).map(|p| period_block(p, &plan.currency, both, &href, &cta)).collect_view()}
            {(!others.is_empty()).then(|| view! { <p class="muted other-periods">{t_args("plan-also-sold", &[("periods", others.join("; "))])}</p> })}
        }
        .into_any()
    };
    let includes = if plan.includes.is_empty() {
        None
    } else {
        Some(t_args(
            "plan-includes",
            &[("modules", plan.includes.join(", "))],
        ))
    };
    view! {
        <article class="plan" data-plan=plan.code.clone()>
            <p class="product">{plan.product_name.clone()}</p>
            <h2>{plan.name.clone()}</h2>
            <p>{plan.description.clone()}</p>
            <ul class="facts">
                <li>{t_args("plan-users-included", &[("users", plan.included_users.to_string())])}</li>
                {includes.map(|i| view! { <li data-field="includes">{i}</li> })}
            </ul>
            {prices}
            {trial_note}
        </article>
    }
}

/// One billing period's prices and the button that orders it. Where the plan sells monthly and
/// yearly, the block carries the period's class so the switch shows one of them.
fn period_block(
    p: &PlanPrice,
    currency: &str,
    switched: bool,
    href: &str,
    cta: &str,
) -> impl IntoView {
    let show = |minor: i64| money_of(minor, currency);
    let class = if switched {
        format!("period-price period-{}", p.period_months)
    } else {
        "period-price".to_string()
    };
    let headline = match p.period_months {
        1 => t_args("plan-per-month", &[("amount", show(p.per_period_minor))]),
        m => {
            t_args("plan-per-month", &[("amount", show(p.per_month_minor))])
                + &billed(m, &show(p.per_period_minor))
        }
    };
    let setup = if p.setup_minor == 0 {
        t("plan-no-setup-fee")
    } else {
        t_args("plan-setup-fee", &[("amount", show(p.setup_minor))])
    };
    let href = format!("{href}?form[period_months]={}", p.period_months);
    view! {
        <div class=class data-period=p.period_months.to_string()>
            <p class="price">{headline}</p>
            {(p.saving_percent > 0).then(|| view! { <p class="saving">{t_args("plan-saving", &[("percent", p.saving_percent.to_string())])}</p> })}
            <p class="muted">{setup}" \u{b7} "{t_args("plan-first-payment", &[("amount", show(p.first_payment_minor))])}</p>
            <a class="button primary" href=href>{cta.to_string()}</a>
        </div>
    }
}

/// ", billed €499.00 yearly" for a period of `months`.
fn billed(months: u32, per_period: &str) -> String {
    match months {
        12 => t_args("plan-billed-yearly", &[("amount", per_period.to_string())]),
        m => t_args(
            "plan-billed-every",
            &[
                ("amount", per_period.to_string()),
                ("months", m.to_string()),
            ],
        ),
    }
}

/// The price of a plan's period of `months`, or a dash.
fn price_of(plan: &PlanView, months: u32) -> String {
    plan.prices
        .iter()
        .find(|p| p.period_months == months)
        .map(|p| match months {
            1 => money_of(p.per_period_minor, &plan.currency),
            _ => t_args(
                "compare-with-monthly",
                &[
                    ("amount", money_of(p.per_period_minor, &plan.currency)),
                    ("perMonth", money_of(p.per_month_minor, &plan.currency)),
                ],
            ),
        })
        .unwrap_or_else(|| "\u{2014}".into())
}

/// Every plan side by side: prices per month and per year, setup fee, first payment, users,
/// modules and trial.
#[component]
fn Comparison(plans: Vec<PlanView>, base: String) -> impl IntoView {
    view! {
        <section class="card wide comparison">
            <h2>{t("compare-title")}</h2>
            <TableBox label=t("compare-title")>
            <table class="table">
                <thead><tr>
                    <th>{t("compare-plan")}</th><th class="num">{t("compare-monthly")}</th><th class="num">{t("compare-yearly")}</th>
                    <th class="num">{t("compare-setup-fee")}</th><th class="num">{t("compare-first-payment")}</th>
                    <th class="num">{t("compare-users")}</th><th>{t("compare-includes")}</th><th>{t("compare-trial")}</th>
                </tr></thead>
                <tbody>
                    {plans.into_iter().map(|p| {
                        let first = p.prices.first();
                        let setup = first.map(|x| if x.setup_minor == 0 { t("compare-none") } else { money_of(x.setup_minor, &p.currency) }).unwrap_or_else(|| "\u{2014}".into());
                        let first_payment = first.map(|x| t_args("compare-plus-vat", &[("amount", money_of(x.first_payment_minor, &p.currency))])).unwrap_or_else(|| t("compare-free"));
                        let trial = if p.trial_days > 0 { t_args("compare-days", &[("days", p.trial_days.to_string())]) } else { "\u{2014}".to_string() };
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
