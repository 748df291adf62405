//! The coupon code field of the order form. In the browser a typed code is looked up when it
//! changes, and the summary prices it at once; without JavaScript the server applies it when the
//! form is sent and sends the page back with the discount shown, to be confirmed.
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::choices::Choices;
use crate::api::coupons::coupon_for_checkout;
use crate::api::orders::PlanOffer;
use crate::components::field_errors::{field_id, FieldErrors};
use crate::i18n::t;

/// The field, with its hint and its error.
#[component]
pub fn CouponField(offer: PlanOffer, choices: Choices, errors: FieldErrors) -> impl IntoView {
    let (plan, storefront) = (offer.plan.code.clone(), offer.storefront.clone());
    let Choices {
        coupon,
        coupon_terms,
        ..
    } = choices;
    // An error of the live look-up; the form's own errors come from `errors`.
    let looked_up = RwSignal::new(None::<String>);
    let look_up = move |code: String| {
        coupon.set(code.clone());
        let (plan, storefront) = (plan.clone(), storefront.clone());
        spawn_local(async move {
            match coupon_for_checkout(plan, storefront, code).await {
                Ok(terms) => {
                    coupon_terms.set(terms);
                    looked_up.set(None);
                }
                Err(e) => {
                    coupon_terms.set(None);
                    looked_up.set(Some(e.to_string()));
                }
            }
        });
    };
    view! {
        <fieldset class="coupon">
            <label for=field_id("coupon")>{t("checkout-coupon")}</label>
            <input id=field_id("coupon") name="form[coupon]" maxlength="32" autocomplete="off"
                autocapitalize="characters" spellcheck="false"
                value=coupon.get_untracked() autofocus=errors.autofocus("coupon")
                aria-invalid=move || (errors.is_on("coupon") || looked_up.get().is_some()).then_some("true")
                aria-describedby="coupon-hint"
                on:change=move |ev| look_up(event_target_value(&ev)) />
            <p class="hint" id="coupon-hint">{t("checkout-coupon-hint")}</p>
            {errors.message("coupon")}
            {move || looked_up.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </fieldset>
    }
}
