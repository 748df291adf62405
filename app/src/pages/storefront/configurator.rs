//! A paid plan's part of the order form: the configuration (period, extra users, add-ons), the
//! billing details and the payment. The price of the choices is in [`super::choices`]; the
//! summary beside the form shows it.
use leptos::prelude::*;

use super::choices::{Choices, Method};
use crate::api::orders::PlanOffer;
use crate::components::field_errors::{field_id, FieldErrors};
use crate::domain::format::money;
use crate::domain::payment::TEST_CARDS;
use crate::i18n::{t, t_args};
use crate::pages::query_param;

/// Period, extra users and add-ons.
#[component]
pub fn Configurator(offer: PlanOffer, choices: Choices, errors: FieldErrors) -> impl IntoView {
    let priced = offer.priced;
    let first_period = priced.periods.first().map(|p| p.period_months).unwrap_or(1);
    let locale = crate::i18n::locale();
    let users_rate = priced.resources.iter().find(|r| r.code == "users").cloned();
    let Choices {
        period,
        extra_users,
        addons,
        ..
    } = choices;
    view! {
        <fieldset>
            <legend>{t("checkout-your-plan")}</legend>
            <label for=field_id("period_months")>{t("checkout-billing-period")}</label>
            <select id=field_id("period_months") name="form[period_months]"
                aria-invalid=errors.invalid("period_months") aria-describedby=errors.described_by("period_months")
                on:change=move |ev| period.set(event_target_value(&ev).parse().unwrap_or(first_period))>
                {priced.periods.iter().map(|p| {
                    let months = p.period_months;
                    let label = format!("{} \u{2014} {}", period_name(months), money(&p.recurring_fee, locale));
                    view! { <option value=months.to_string() selected=move || period.get() == months>{label}</option> }
                }).collect_view()}
            </select>
            {errors.message("period_months")}
            {users_rate.map(|r| view! {
                <label for=field_id("extra_users")>
                    {t_args("checkout-extra-users", &[("included", r.included.to_string()), ("amount", money(&r.recurring_fee_per_unit, locale))])}
                </label>
                <input id=field_id("extra_users") type="number" name="form[extra_users]" min="0" max=r.max_extra.to_string()
                    inputmode="numeric"
                    aria-invalid=errors.invalid("extra_users") aria-describedby=errors.described_by("extra_users")
                    value=extra_users.get_untracked().to_string() prop:value=move || extra_users.get().to_string()
                    on:input=move |ev| extra_users.set(event_target_value(&ev).parse().unwrap_or(0)) />
                {errors.message("extra_users")}
            })}
            {priced.addons.iter().map(|a| {
                let code = a.code.clone();
                let code_for_change = code.clone();
                let ticked = addons.read_untracked().contains(&code);
                let per_month = money(&a.recurring_fee_per_unit, locale);
                let label = if a.setup_fee.minor > 0 {
                    t_args("checkout-addon-with-setup", &[("name", a.name.clone()), ("amount", per_month), ("setup", money(&a.setup_fee, locale))])
                } else {
                    t_args("checkout-addon", &[("name", a.name.clone()), ("amount", per_month)])
                };
                view! {
                    <label class="check">
                        <input type="checkbox" name=format!("form[addons][{code}]") value="1" checked=ticked
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                addons.update(|s| { if on { s.insert(code_for_change.clone()); } else { s.remove(&code_for_change); } });
                            } />
                        {label}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// A billing period in words: "Monthly", "Yearly", "Every 3 months".
pub fn period_name(months: u32) -> String {
    match months {
        1 => t("checkout-period-monthly"),
        12 => t("checkout-period-yearly"),
        m if m.is_multiple_of(12) => {
            t_args("checkout-period-years", &[("years", (m / 12).to_string())])
        }
        m => t_args("checkout-period-months", &[("months", m.to_string())]),
    }
}

/// Billing country (by name) and address.
#[component]
pub fn BillingFields(offer: PlanOffer, choices: Choices, errors: FieldErrors) -> impl IntoView {
    let country = choices.country;
    let vat_id = choices.vat_id;
    let typed_address = query_param("form[billing_address]").unwrap_or_default();
    let chosen = country.get_untracked();
    view! {
        <fieldset>
            <legend>{t("checkout-billing-details")}</legend>
            <label for=field_id("billing_country")>{t("checkout-country")}</label>
            <select id=field_id("billing_country") name="form[billing_country]" autocomplete="country"
                aria-invalid=errors.invalid("billing_country") aria-describedby=errors.described_by("billing_country")
                on:change=move |ev| country.set(event_target_value(&ev))>
                {offer.countries.into_iter().map(|c| {
                    let selected = c.code == chosen;
                    view! { <option value=c.code selected=selected>{c.name}</option> }
                }).collect_view()}
            </select>
            {errors.message("billing_country")}
            <label for=field_id("billing_address")>{t("checkout-billing-address")}</label>
            <textarea id=field_id("billing_address") name="form[billing_address]" rows="3" maxlength="500"
                autocomplete="street-address" autofocus=errors.autofocus("billing_address")
                aria-invalid=errors.invalid("billing_address") aria-describedby=errors.described_by("billing_address")>
                {typed_address}
            </textarea>
            {errors.message("billing_address")}
            <label for=field_id("vat_id")>{t("checkout-vat-id")}</label>
            <input id=field_id("vat_id") name="form[vat_id]" maxlength="20" autocomplete="off"
                autofocus=errors.autofocus("vat_id")
                aria-invalid=errors.invalid("vat_id") aria-describedby=errors.described_by("vat_id")
                value=vat_id.get_untracked() on:input=move |ev| vat_id.set(event_target_value(&ev)) />
            {errors.message("vat_id")}
        </fieldset>
    }
}

/// Card or bank transfer; the card's fields only while paying by card.
#[component]
pub fn PaymentFields(offer: PlanOffer, choices: Choices, errors: FieldErrors) -> impl IntoView {
    let method = choices.method;
    let radio = move |m: Method, label: String| {
        view! {
            <label class="check">
                <input type="radio" name="form[payment_method]" value=m.as_str()
                    checked=move || method.get() == m on:change=move |_| method.set(m) />
                {label}
            </label>
        }
    };
    let card_input = move |name: &'static str,
                           label: String,
                           autocomplete: &'static str,
                           size: &'static str| {
        view! {
            <span class="card-field">
                <label for=field_id(name)>{label}</label>
                <input id=field_id(name) name=format!("form[{name}]") inputmode="numeric" autocomplete=autocomplete size=size
                    autofocus=errors.autofocus(name)
                    aria-invalid=errors.invalid(name) aria-describedby=errors.described_by(name) />
                {errors.message(name)}
            </span>
        }
    };
    view! {
        <fieldset class="payment">
            <legend>{t("checkout-payment")}</legend>
            {offer.bank_transfer.then(|| view! {
                <div class="methods" id=field_id("payment_method")>
                    {radio(Method::Card, t("checkout-card"))}
                    {radio(Method::BankTransfer, t("checkout-bank-transfer"))}
                </div>
                {errors.message("payment_method")}
            })}
            {(!offer.bank_transfer).then(|| view! { <input type="hidden" name="form[payment_method]" value="card" /> })}
            <div class="card-fields" class:hidden=move || method.get() != Method::Card>
                {card_input("card_number", t("checkout-card-number"), "cc-number", "20")}
                <span class="row">
                    {card_input("card_exp_month", t("checkout-card-month"), "cc-exp-month", "2")}
                    {card_input("card_exp_year", t("checkout-card-year"), "cc-exp-year", "4")}
                    {card_input("card_cvc", t("checkout-card-cvc"), "cc-csc", "4")}
                </span>
                {offer.test_mode.then(|| view! {
                    <details class="test-cards">
                        <summary>{t("checkout-test-cards")}</summary>
                        <ul>{TEST_CARDS.iter().map(|(n, d)| view! { <li><code>{*n}</code>" \u{2014} "{*d}</li> }).collect_view()}</ul>
                    </details>
                })}
            </div>
        </fieldset>
    }
}
