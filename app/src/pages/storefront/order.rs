//! The order form: company, contact, login and the instance name with a live availability check;
//! for a paid plan also the configurator and the payment.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::configurator::Configurator;
use crate::api::orders::{check_instance_name, new_form_key, order_options, PlaceOrder, PlanOffer};
use crate::components::error_box::{page_error, ErrorBox};
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
    let from_query = query_param("error");
    let error = Signal::derive(move || match place.value().get() {
        Some(Err(e)) => Some(e.to_string()),
        Some(Ok(_)) => None,
        None => from_query.clone(),
    });
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
    let offer = plan.offer;
    let chosen = RwSignal::new(query_param("form[offer]").unwrap_or_else(|| "paid".into()));
    let accent = format!("--accent: {}", options.primary_color);
    let brand = format!("{} \u{b7} {}", options.storefront_name, plan.product_name);
    let storefront = options.storefront.clone();
    let headline = match offer {
        Offer::Trial => format!("Free for {} days, no card needed.", plan.trial_days),
        Offer::Paid => format!("From {} {}", plan.price_label, plan.period_label()),
        Offer::PaidOrTrial => format!(
            "From {} {}, or free for {} days.",
            plan.price_label,
            plan.period_label(),
            plan.trial_days
        ),
    };
    let trial_days = plan.trial_days;
    let suffix = options.instance_suffix.clone();
    view! {
        <section class="card" style=accent>
            <p class="product">{brand}</p>
            <h1>{format!("Order {}", plan.name)}</h1>
            <p class="price">{headline}</p>
            <ErrorBox message=error />
            <ActionForm action=place attr:class="form">
                <input type="hidden" name="form[plan]" value=plan.code.clone() />
                <input type="hidden" name="form[storefront]" value=storefront />
                <input type="hidden" name="form[idempotency_key]" value=key />
                {(offer == Offer::PaidOrTrial).then(|| view! {
                    <fieldset class="offer">
                        <legend>"How would you like to start?"</legend>
                        <label class="check"><input type="radio" name="form[offer]" value="paid" checked=move || chosen.get() != "trial" on:change=move |_| chosen.set("paid".into()) />"Subscribe now"</label>
                        <label class="check"><input type="radio" name="form[offer]" value="trial" checked=move || chosen.get() == "trial" on:change=move |_| chosen.set("trial".into()) />
                            {format!("Free trial for {trial_days} days (no card needed; the options and payment below are then ignored)")}</label>
                    </fieldset>
                })}
                {(offer != Offer::Trial).then(|| view! {
                    <div class="paid-part" class:hidden=move || chosen.get() == "trial">
                        <Configurator options=options.clone() />
                    </div>
                })}
                <fieldset>
                    <legend>"Your account"</legend>
                    <label>"Company" <input name="form[company]" required maxlength="200" value=field("company") /></label>
                    <label>"Your name" <input name="form[contact_name]" required maxlength="200" value=field("contact_name") /></label>
                    <label>"Email" <input type="email" name="form[email]" required autocomplete="email" value=field("email") /></label>
                    <label>"Password" <input type="password" name="form[password]" required minlength="10" autocomplete="new-password" /></label>
                    <label>
                        "Instance name"
                        <span class="instance-input">
                            <input name="form[instance_name]" required minlength="3" maxlength="63" pattern="[a-zA-Z0-9\\-]+"
                                value=typed_name prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                            <span class="suffix">{suffix}</span>
                        </span>
                    </label>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            check.await.map(|c| {
                                let class = if c.available { "name-check ok" } else { "name-check taken" };
                                view! { <p class=class aria-live="polite">{c.message}</p> }
                            })
                        })}
                    </Transition>
                </fieldset>
                <button type="submit" class="primary" disabled=move || place.pending().get()>
                    {move || if place.pending().get() { "Placing your order\u{2026}" } else { "Place order" }}
                </button>
            </ActionForm>
        </section>
    }
}
