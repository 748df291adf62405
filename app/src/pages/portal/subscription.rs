//! The portal's subscription page: what runs today, a change previewed with its prorated price
//! (a plain GET form, so it works without JavaScript), confirmed as an order, and cancellation.
use crate::i18n::{money_of, t, t_args};
use std::collections::BTreeMap;

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::api::orders::new_form_key;
use crate::api::subscription::{
    preview_subscription_change, subscription_overview, CancelSubscription, ChangeForm,
    ChangePreview, ChangeSubscription, ConvertTrial, PeriodChoice, SubscriptionView,
};
use crate::components::confirm::ConfirmSubmit;
use crate::components::error_box::{page_error, ErrorBox};
use crate::components::table_box::{rows_or, TableBox};
use crate::domain::SubscriptionState;
use crate::error::AppError;

/// The subscription of this instance, for its admin.
#[component]
pub fn SubscriptionPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| subscription_overview());
    let key = Resource::new(|| (), |_| new_form_key());
    view! {
        <Title text=t("sub-title") />
        <Suspense fallback=|| view! { <p>{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match (overview.await, key.await) {
                    (Ok(v), Ok(k)) => view! { <Subscription v=v key=k /> }.into_any(),
                    (Err(AppError::Unauthorized), _) => view! { <Redirect path="/login" /> }.into_any(),
                    (Err(e), _) | (_, Err(e)) => view! { <p class="error">{page_error(&e)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The change the page's query describes, if any.
fn asked() -> Option<ChangeForm> {
    let q = use_query_map().read_untracked().clone();
    let plan = q.get("form[plan]")?;
    let mut addons = BTreeMap::new();
    for (k, v) in q.into_iter() {
        if let Some(code) = k
            .strip_prefix("form[addons][")
            .and_then(|c| c.strip_suffix(']'))
        {
            addons.insert(code.to_string(), v);
        }
    }
    Some(ChangeForm {
        plan,
        extra_users: use_query_map()
            .read_untracked()
            .get("form[extra_users]")
            .unwrap_or_default(),
        addons,
        coupon: use_query_map()
            .read_untracked()
            .get("form[coupon]")
            .unwrap_or_default(),
        ..ChangeForm::default()
    })
}

#[component]
fn Subscription(v: SubscriptionView, key: String) -> impl IntoView {
    let asked = asked();
    let preview = Resource::new(|| (), {
        let asked = asked.clone();
        move |_| {
            let asked = asked.clone();
            async move {
                match asked {
                    Some(form) => Some(preview_subscription_change(form).await),
                    None => None,
                }
            }
        }
    });
    let cancel = ServerAction::<CancelSubscription>::new();
    let from_query = use_query_map().read_untracked().get("error");
    let error = Signal::derive(move || match cancel.value().get() {
        Some(Err(e)) => Some(e.to_string()),
        _ => from_query.clone(),
    });
    let chosen_plan = asked
        .as_ref()
        .map_or(v.plan_code.clone(), |a| a.plan.clone());
    let chosen_users = asked
        .as_ref()
        .map_or(v.extra_users.to_string(), |a| a.extra_users.clone());
    let typed_coupon = asked.as_ref().map(|a| a.coupon.clone()).unwrap_or_default();
    let has_addon = {
        let asked = asked.clone();
        let current = v.addons.clone();
        move |code: &str| match &asked {
            Some(a) => a.addons.get(code).is_some_and(|q| q != "0"),
            None => current.iter().any(|(c, _)| c == code),
        }
    };
    let all_addons: Vec<(String, String)> = {
        let mut seen = BTreeMap::new();
        for p in &v.plans {
            for (code, name) in &p.addons {
                seen.entry(code.clone()).or_insert(name.clone());
            }
        }
        seen.into_iter().collect()
    };
    if let Some((ends, periods)) = v.trial.clone() {
        return view! { <Conversion v=v ends=ends periods=periods key=key /> }.into_any();
    }
    let renews = if v.ending {
        t_args("sub-ends-on", &[("date", v.period_end.clone())])
    } else {
        t_args(
            "sub-renews-on",
            &[
                ("date", v.period_end.clone()),
                ("amount", v.renewal_price.clone()),
            ],
        )
    };
    view! {
        <section class="card">
            <h1>{t("sub-heading")}</h1>
            <ErrorBox message=error />
            <dl class="facts-grid">
                <dt>{t("sub-plan")}</dt><dd data-field="plan">{v.plan_name.clone()}</dd>
                <dt>{t("sub-period")}</dt><dd>{t_args("sub-period-value", &[("start", v.period_start.clone()), ("end", v.period_end.clone()), ("months", v.period_months.to_string())])}</dd>
                <dt>{t("sub-next")}</dt><dd data-field="renewal">{renews}</dd>
                <dt>{t("sub-payment")}</dt><dd>{v.payment_method.clone()}</dd>
                <dt>{t("sub-credit")}</dt><dd data-field="credit">{v.credit.clone()}</dd>
            </dl>
            <h2>{t("sub-change-heading")}</h2>
            <p class="muted">{t("sub-change-intro")}</p>
            <form method="get" action="/portal/subscription" class="form">
                <label>{t("sub-plan")}
                    <select name="form[plan]">
                        {v.plans.iter().map(|p| view! {
                            <option value=p.code.clone() selected=p.code == chosen_plan>{p.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>{t("sub-extra-users")}
                    <input type="number" name="form[extra_users]" min="0" value=chosen_users />
                </label>
                {all_addons.into_iter().map(|(code, name)| {
                    let ticked = has_addon(&code);
                    view! {
                        <label class="check">
                            <input type="checkbox" name=format!("form[addons][{code}]") value="1" checked=ticked />
                            {name}
                        </label>
                    }
                }).collect_view()}
                <label>{t("sub-coupon")}
                    <input name="form[coupon]" value=typed_coupon autocomplete="off" maxlength="40" />
                </label>
                <button type="submit">{t("sub-preview")}</button>
            </form>
            <Suspense fallback=|| ()>
                {move || Suspend::new({
                    let key = key.clone();
                    let asked = asked.clone();
                    async move {
                        match (preview.await, asked) {
                            (Some(Ok(p)), Some(form)) => view! { <Confirm p=p form=form key=key /> }.into_any(),
                            (Some(Err(e)), _) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                            _ => ().into_any(),
                        }
                    }
                })}
            </Suspense>
            <h2>{t("sub-orders")}</h2>
            {rows_or(v.orders.clone(), t("sub-no-orders"), |orders| view! {
            <TableBox label=t("sub-orders")>
            <table class="table orders">
                <thead><tr><th>{t("sub-placed")}</th><th>{t("sub-change")}</th><th>{t("sub-status")}</th><th>{t("sub-amount")}</th></tr></thead>
                <tbody>
                    {orders.iter().map(|o| view! {
                        <tr><td>{o.placed.clone()}</td><td><a href=format!("/orders/{}", o.token)>{o.kind.clone()}</a></td><td>{o.status.label()}</td><td>{o.total.clone()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            </TableBox>
            })}
            <h2>{t("sub-invoices")}</h2>
            {rows_or(v.invoices.clone(), t("sub-no-invoices"), |invoices| view! {
            <TableBox label=t("sub-invoices")>
            <table class="table invoices">
                <thead><tr><th>{t("sub-invoice")}</th><th>{t("sub-issued")}</th><th>{t("sub-status")}</th><th class="num">{t("sub-amount")}</th><th>"PDF"</th></tr></thead>
                <tbody>
                    {invoices.into_iter().map(|i| view! {
                        <tr data-invoice=i.number.clone()>
                            <td><a href=i.url.clone()>{i.number.clone()}</a></td>
                            <td>{i.issued}</td>
                            <td>{if i.paid { t("sub-invoice-paid") } else { t("sub-invoice-open") }}</td>
                            <td class="num">{money_of(i.total_minor, &i.currency)}</td>
                            <td><a href=format!("{}.pdf", i.url) download>{t_args("sub-invoice-pdf", &[("number", i.number.clone())])}</a></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </TableBox>
            })}
            {(!v.ending && v.status == SubscriptionState::Active).then(|| view! {
                <ActionForm action=cancel attr:class="form danger">
                    <input type="hidden" name="idempotency_key" value=format!("cancel-{}", v.period_end) />
                    <ConfirmSubmit
                        label=t_args("sub-cancel", &[("date", v.period_end.clone())])
                        question=t_args("sub-cancel-question", &[("date", v.period_end.clone())])
                        confirm=t("sub-cancel-confirm")
                    />
                </ActionForm>
            })}
        </section>
    }
    .into_any()
}

/// A free trial: when it ends, and the form that converts it to a paid subscription (period,
/// extra users, card) in one step.
#[component]
fn Conversion(
    v: SubscriptionView,
    ends: String,
    periods: Vec<PeriodChoice>,
    key: String,
) -> impl IntoView {
    let convert = ServerAction::<ConvertTrial>::new();
    let from_query = use_query_map().read_untracked().get("error");
    let error = Signal::derive(move || match convert.value().get() {
        Some(Err(e)) => Some(e.to_string()),
        _ => from_query.clone(),
    });
    let chosen = use_query_map()
        .read_untracked()
        .get("form[choice]")
        .unwrap_or_else(|| periods.first().map(PeriodChoice::value).unwrap_or_default());
    let users = use_query_map()
        .read_untracked()
        .get("form[extra_users]")
        .unwrap_or_else(|| "0".into());
    let q = |name: &str| {
        use_query_map()
            .read_untracked()
            .get(name)
            .unwrap_or_default()
    };
    view! {
        <section class="card">
            <h1>{t("sub-heading")}</h1>
            <ErrorBox message=error />
            <dl class="facts-grid">
                <dt>{t("sub-plan")}</dt><dd data-field="plan">{v.plan_name.clone()}</dd>
                <dt>{t("sub-trial-ends")}</dt><dd data-field="trial-ends">{ends}</dd>
            </dl>
            <h2>{t("sub-convert-heading")}</h2>
            <p class="muted">{t("sub-convert-intro")}</p>
            <ActionForm action=convert attr:class="form">
                <fieldset>
                    <legend>{t("sub-convert-period")}</legend>
                    {periods.into_iter().map(|p| {
                        let value = p.value();
                        let checked = value == chosen;
                        view! {
                            <label class="check">
                                <input type="radio" name="form[choice]" value=value checked=checked required />
                                {t_args("sub-convert-choice", &[
                                    ("plan", p.plan_name.clone()),
                                    ("period", if p.months == 1 { t("sub-one-month") } else { t_args("sub-months", &[("months", p.months.to_string())]) }),
                                    ("amount", money_of(p.first_minor, &p.currency)),
                                ])}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <label>{t("sub-extra-users")}
                    <input type="number" name="form[extra_users]" min="0" value=users />
                </label>
                <label>{t("checkout-country")} " " <span class="muted">{t("billing-country-hint")}</span>
                    <input name="form[billing_country]" required maxlength="2" size="3" autocomplete="country" value=q("form[billing_country]") /></label>
                <label>{t("checkout-billing-address")}
                    <textarea name="form[billing_address]" rows="3" maxlength="500" required autocomplete="street-address">{q("form[billing_address]")}</textarea></label>
                <label>{t("billing-vat-id")} <input name="form[vat_id]" maxlength="20" value=q("form[vat_id]") /></label>
                <label>{t("checkout-card-number")} <input name="form[card_number]" inputmode="numeric" autocomplete="cc-number" required maxlength="23" /></label>
                <span class="row">
                    <label>{t("checkout-card-month")} <input name="form[card_exp_month]" inputmode="numeric" autocomplete="cc-exp-month" required maxlength="2" size="3" /></label>
                    <label>{t("checkout-card-year")} <input name="form[card_exp_year]" inputmode="numeric" autocomplete="cc-exp-year" required maxlength="4" size="5" /></label>
                    <label>{t("checkout-card-cvc")} <input name="form[card_cvc]" inputmode="numeric" autocomplete="cc-csc" required maxlength="4" size="5" /></label>
                </span>
                <input type="hidden" name="form[idempotency_key]" value=key />
                <button type="submit" class="primary">{t("sub-convert-submit")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Confirm(p: ChangePreview, form: ChangeForm, key: String) -> impl IntoView {
    let change = ServerAction::<ChangeSubscription>::new();
    let failed = Signal::derive(move || match change.value().get() {
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    });
    let label = if p.total_minor < 0 {
        t_args(
            "sub-confirm-credit",
            &[
                ("change", p.kind.to_lowercase()),
                ("amount", p.total.trim_start_matches('-').to_string()),
            ],
        )
    } else {
        t_args("sub-confirm-pay", &[("amount", p.total.clone())])
    };
    view! {
        <div class="preview" data-field="preview">
            <h3>{p.kind.clone()}</h3>
            <table class="table lines">
                <tbody>
                    {p.lines.iter().map(|l| view! {
                        <tr><td>{l.description.clone()}</td><td class="amount">{l.amount.to_string()}</td></tr>
                    }).collect_view()}
                    <tr class="total"><th>{t("sub-total")}</th><th class="amount">{p.total.clone()}</th></tr>
                </tbody>
            </table>
            <p class="muted">{t_args("sub-then", &[("amount", p.renewal.clone())])}</p>
            <ErrorBox message=failed />
            <ActionForm action=change attr:class="form">
                <input type="hidden" name="form[plan]" value=form.plan.clone() />
                <input type="hidden" name="form[extra_users]" value=form.extra_users.clone() />
                {form.addons.iter().map(|(code, q)| view! {
                    <input type="hidden" name=format!("form[addons][{code}]") value=q.clone() />
                }).collect_view()}
                <input type="hidden" name="form[coupon]" value=form.coupon.clone() />
                <input type="hidden" name="form[expected_total]" value=p.total_minor.to_string() />
                <input type="hidden" name="form[idempotency_key]" value=key />
                <button type="submit">{label}</button>
            </ActionForm>
        </div>
    }
}
