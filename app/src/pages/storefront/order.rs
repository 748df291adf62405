//! The checkout: on wide screens the form (plan options, account, billing, payment) beside a
//! summary that stays in view and ends in the button naming the amount. An error is shown at
//! the top and under the field it concerns, which takes the focus.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::choices::{Choices, Start};
use super::configurator::{BillingFields, Configurator, PaymentFields};
use super::order_summary::OrderSummary;
use crate::api::orders::{check_instance_name, new_form_key, order_options, PlaceOrder, PlanOffer};
use crate::components::error_box::page_error;
use crate::components::field_errors::{field_id, FieldErrors, FormError};
use crate::domain::pricing::Offer;
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
    view! {
        <Title text="Order \u{2014} Tenantry" />
        <Suspense fallback=|| view! { <p>"Loading\u{2026}"</p> }>
            {move || Suspend::new(async move {
                match (options.await, key.await) {
                    (Ok(o), Ok(k)) => view! { <OrderForm options=o key=k /> }.into_any(),
                    (Err(e), _) | (_, Err(e)) => view! { <p class="error">{page_error(&e)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrderForm(options: PlanOffer, key: String) -> impl IntoView {
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
    let choices = Choices::new(&options);
    let offer = plan.offer;
    let accent = format!("--accent: {}", options.primary_color);
    let brand = format!("{} \u{b7} {}", options.storefront_name, plan.product_name);
    let storefront = options.storefront.clone();
    let from = plan.price_label.clone();
    let headline = match offer {
        Offer::Trial => format!("Free for {} days, no card needed.", plan.trial_days),
        Offer::Paid => format!("From {from} {}", plan.period_label()),
        Offer::PaidOrTrial => format!(
            "From {from} {}, or free for {} days.",
            plan.period_label(),
            plan.trial_days
        ),
    };
    let trial_days = plan.trial_days;
    let start = choices.start;
    view! {
        <section class="checkout-page" style=accent>
            <p class="product">{brand}</p>
            <h1>{format!("Order {}", plan.name)}</h1>
            <p class="price">{headline}</p>
            {options.test_mode.then(|| view! {
                <p class="test-mode" role="note"><strong>"Test mode"</strong>
                    " \u{2014} no money is taken. Pay with one of the test cards listed under the card fields."</p>
            })}
            {errors.summary()}
            <ActionForm action=place attr:class="checkout">
                <div class="checkout-form">
                    <input type="hidden" name="form[plan]" value=plan.code.clone() />
                    <input type="hidden" name="form[storefront]" value=storefront />
                    <input type="hidden" name="form[idempotency_key]" value=key />
                    {(offer == Offer::PaidOrTrial).then(|| view! {
                        <fieldset class="offer">
                            <legend>"How would you like to start?"</legend>
                            <label class="check"><input type="radio" name="form[offer]" value="paid" checked=move || start.get() == Start::Paid on:change=move |_| start.set(Start::Paid) />"Subscribe now"</label>
                            <label class="check"><input type="radio" name="form[offer]" value="trial" checked=move || start.get() == Start::Trial on:change=move |_| start.set(Start::Trial) />
                                {format!("Free trial for {trial_days} days (no card needed)")}</label>
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
                      label: &'static str,
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
            <legend>"Your account"</legend>
            {input("company", "Company", "text", "organization")}
            {input("contact_name", "Your name", "text", "name")}
            {input("email", "Email", "email", "email")}
            <label for=field_id("password")>"Password (at least 10 characters)"</label>
            <input id=field_id("password") type="password" name="form[password]" required minlength="10"
                autocomplete="new-password" autofocus=errors.autofocus("password")
                aria-invalid=errors.invalid("password") aria-describedby=errors.described_by("password") />
            {errors.message("password")}
            <label for=field_id("instance_name")>"Instance name"</label>
            <span class="instance-input">
                <input id=field_id("instance_name") name="form[instance_name]" required minlength="3" maxlength="63"
                    pattern="[a-zA-Z0-9\\-]+" autocomplete="off" autofocus=errors.autofocus("instance_name")
                    aria-invalid=errors.invalid("instance_name")
                    aria-describedby=move || Some(errors.described_by("instance_name")().unwrap_or_else(|| "instance-name-hint".into()))
                    value=typed_name prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                <span class="suffix">{options.instance_suffix}</span>
            </span>
            <p class="hint" id="instance-name-hint">"Letters, digits and hyphens; this becomes your instance's address."</p>
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
