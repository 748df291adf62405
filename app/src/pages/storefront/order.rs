//! The checkout: on wide screens the form (plan options, account, billing, payment) beside a
//! summary that stays in view and ends in the button naming the amount. An error is shown at
//! the top and under the field it concerns, which takes the focus.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::choices::{Choices, Start};
use super::configurator::{BillingFields, Configurator, PaymentFields};
use super::coupon_field::CouponField;
use super::order_summary::OrderSummary;
use crate::api::coupons::{coupon_for_checkout, CouponTerms};
use crate::api::orders::{check_instance_name, new_form_key, order_options, PlaceOrder, PlanOffer};
use crate::components::error_box::page_error;
use crate::components::field_errors::{field_id, FieldErrors, FormError};
use crate::domain::pricing::Offer;
use crate::i18n::{money_of, t, t_args};
use crate::pages::query_param;

/// Loads the plan and shows its order form.
#[component]
pub fn OrderPage() -> impl IntoView {
    let params = use_params_map();
    let options = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("plan").unwrap_or_default(),
                p.get("storefront").unwrap_or_default(),
            )
        },
        |(plan, storefront)| order_options(plan, storefront),
    );
    let key = Resource::new(|| (), |_| new_form_key());
    // A coupon sent back in the query string (a form posted without JavaScript) is priced on the
    // server's render already; one that cannot be redeemed just is not (its error is shown).
    let coupon = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("plan").unwrap_or_default(),
                p.get("storefront").unwrap_or_default(),
                query_param("form[coupon]").unwrap_or_default(),
            )
        },
        |(plan, storefront, code)| async move {
            match code.trim() {
                "" => None,
                _ => coupon_for_checkout(plan, storefront, code)
                    .await
                    .ok()
                    .flatten(),
            }
        },
    );
    view! {
        <Title text=t("checkout-title") />
        <Suspense fallback=|| view! { <p>{t("loading")}</p> }>
            {move || Suspend::new(async move {
                let coupon = coupon.await;
                match (options.await, key.await) {
                    (Ok(o), Ok(k)) => view! { <OrderForm options=o key=k coupon=coupon /> }.into_any(),
                    (Err(e), _) | (_, Err(e)) => view! { <p class="error">{page_error(&e)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrderForm(options: PlanOffer, key: String, coupon: Option<CouponTerms>) -> impl IntoView {
    let plan = options.plan.clone();
    let place = ServerAction::<PlaceOrder>::new();
    let from_query = query_param("error").map(|message| FormError {
        message,
        field: query_param("error_field"),
    });
    let errors = FieldErrors::new(Signal::derive(move || match place.value().get() {
        Some(Err(e)) => Some(FormError::from(&e)),
        Some(Ok(_)) => None,
        None => from_query.clone(),
    }));
    errors.focus_on_change();
    let choices = Choices::new(&options, coupon);
    let offer = plan.offer;
    let accent = format!("--accent: {}", options.primary_color);
    let brand = format!("{} \u{b7} {}", options.storefront_name, plan.product_name);
    let storefront = options.storefront.clone();
    let months = plan.period_months.max(1);
    let from = money_of(
        (plan.price_minor * 2 + months) / (2 * months),
        &plan.currency,
    );
    let days = plan.trial_days.to_string();
    let headline = match offer {
        Offer::Trial => t_args("checkout-headline-trial", &[("days", days)]),
        Offer::Paid => t_args("checkout-headline-paid", &[("amount", from)]),
        Offer::PaidOrTrial => t_args(
            "checkout-headline-paid-or-trial",
            &[("amount", from), ("days", days)],
        ),
    };
    let trial_days = plan.trial_days;
    let start = choices.start;
    view! {
        <section class="checkout-page" style=accent>
            <p class="product">{brand}</p>
            <h1>{t_args("checkout-heading", &[("plan", plan.name.clone())])}</h1>
            <p class="price">{headline}</p>
            {options.test_mode.then(|| view! {
                <p class="test-mode" role="note"><strong>{t("checkout-test-mode")}</strong>
                    " " {t("checkout-test-mode-text")}</p>
            })}
            {errors.summary()}
            <ActionForm action=place attr:class="checkout">
                <div class="checkout-form">
                    <input type="hidden" name="form[plan]" value=plan.code.clone() />
                    <input type="hidden" name="form[storefront]" value=storefront />
                    <input type="hidden" name="form[idempotency_key]" value=key />
                    {(offer == Offer::PaidOrTrial).then(|| view! {
                        <fieldset class="offer">
                            <legend>{t("checkout-how-to-start")}</legend>
                            <label class="check"><input type="radio" name="form[offer]" value="paid" checked=move || start.get() == Start::Paid on:change=move |_| start.set(Start::Paid) />{t("checkout-subscribe-now")}</label>
                            <label class="check"><input type="radio" name="form[offer]" value="trial" checked=move || start.get() == Start::Trial on:change=move |_| start.set(Start::Trial) />
                                {t_args("checkout-free-trial-for", &[("days", trial_days.to_string())])}</label>
                        </fieldset>
                    })}
                    {(offer != Offer::Trial).then(|| view! {
                        <div class="paid-part" class:hidden=move || start.get() == Start::Trial>
                            <Configurator offer=options.clone() choices=choices errors=errors />
                        </div>
                    })}
                    <AccountFields options=options.clone() errors=errors />
                    {(offer != Offer::Trial).then(|| view! {
                        <div class="paid-part" class:hidden=move || start.get() == Start::Trial>
                            <BillingFields offer=options.clone() choices=choices errors=errors />
                            <PaymentFields offer=options.clone() choices=choices errors=errors />
                            <CouponField offer=options.clone() choices=choices errors=errors />
                        </div>
                    })}
                </div>
                <OrderSummary offer=options.clone() choices=choices pending=place.pending() />
            </ActionForm>
        </section>
    }
}

/// Company, contact, login and the instance name with its live availability check.
#[component]
fn AccountFields(options: PlanOffer, errors: FieldErrors) -> impl IntoView {
    let field = |name: &str| query_param(&format!("form[{name}]")).unwrap_or_default();
    let typed_name = field("instance_name");
    let name = RwSignal::new(typed_name.clone());
    let check = Resource::new(
        move || name.get(),
        |n| async move {
            if n.trim().is_empty() {
                None
            } else {
                check_instance_name(n).await.ok()
            }
        },
    );
    let input = move |key: &'static str,
                      label: String,
                      kind: &'static str,
                      autocomplete: &'static str| {
        view! {
            <label for=field_id(key)>{label}</label>
            <input id=field_id(key) type=kind name=format!("form[{key}]") required maxlength="200"
                autocomplete=autocomplete value=field(key) autofocus=errors.autofocus(key)
                aria-invalid=errors.invalid(key) aria-describedby=errors.described_by(key) />
            {errors.message(key)}
        }
    };
    view! {
        <fieldset>
            <legend>{t("checkout-your-account")}</legend>
            {input("company", t("checkout-company"), "text", "organization")}
            {input("contact_name", t("checkout-your-name"), "text", "name")}
            {input("email", t("checkout-email"), "email", "email")}
            <label for=field_id("password")>{t("checkout-password")}</label>
            <input id=field_id("password") type="password" name="form[password]" required minlength="10"
                autocomplete="new-password" autofocus=errors.autofocus("password")
                aria-invalid=errors.invalid("password") aria-describedby=errors.described_by("password") />
            {errors.message("password")}
            <label for=field_id("instance_name")>{t("checkout-instance-name")}</label>
            <span class="instance-input">
                <input id=field_id("instance_name") name="form[instance_name]" required minlength="3" maxlength="63"
                    pattern="[a-zA-Z0-9\\-]+" autocomplete="off" autofocus=errors.autofocus("instance_name")
                    aria-invalid=errors.invalid("instance_name")
                    aria-describedby=move || Some(errors.described_by("instance_name")().unwrap_or_else(|| "instance-name-hint".into()))
                    value=typed_name prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                <span class="suffix">{options.instance_suffix}</span>
            </span>
            <p class="hint" id="instance-name-hint">{t("checkout-instance-hint")}</p>
            {errors.message("instance_name")}
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    check.await.map(|c| {
                        let class = if c.available { "name-check ok" } else { "name-check taken" };
                        view! { <p class=class aria-live="polite">{c.message}</p> }
                    })
                })}
            </Transition>
        </fieldset>
    }
}
