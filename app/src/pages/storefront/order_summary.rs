//! The order summary beside the form: what is bought, the setup fees, the tax, the amount due
//! now, then the renewal in words ("then €1,157.87 every year from 29 Nov 2027"), and the button
//! that names the amount.
use chrono::{Days, Months, NaiveDate};
use leptos::prelude::*;

use super::choices::{Choices, Start};
use crate::api::orders::PlanOffer;
use crate::domain::format::{date, every, money, Locale};
use crate::domain::pricing::{LineKind, Offer, Quote};
use crate::domain::{Currency, Money};

/// The summary and the order button.
#[component]
pub fn OrderSummary(
    offer: PlanOffer,
    choices: Choices,
    #[prop(into)] pending: Signal<bool>,
) -> impl IntoView {
    let locale = Locale::En;
    let today = offer.today;
    let currency = offer.priced.currency;
    let trial_days = u64::try_from(offer.plan.trial_days).unwrap_or(0);
    let title = format!("{} \u{b7} {}", offer.plan.product_name, offer.plan.name);
    let countries = offer.countries.clone();
    let country_name = move || {
        let code = choices.country.get();
        countries
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.name.clone())
            .unwrap_or(code)
    };
    let body = move || match (choices.start.get(), choices.price.get()) {
        (Start::Trial, _) => trial_summary(currency, today, trial_days, locale).into_any(),
        (Start::Paid, Ok(q)) => {
            let reverse_charge = choices.reverse_charge.get();
            view! {
                {paid_summary(&q, &country_name(), today, locale)}
                {reverse_charge.then(|| view! {
                    <p class="reverse-charge" data-field="reverse-charge">"Reverse charge: no VAT is charged; you account for it in your country."</p>
                })}
            }
            .into_any()
        }
        (Start::Paid, Err(e)) => view! { <p class="error">{e}</p> }.into_any(),
    };
    // Each way to start has its label; the stylesheet shows the one the form's choices select,
    // so the button is right without JavaScript too.
    let amount = move || match choices.price.get() {
        Ok(q) => money(&q.total, locale),
        Err(_) => String::new(),
    };
    let paid = offer.plan.offer != Offer::Trial;
    let trial = offer.plan.offer != Offer::Paid;
    let label = move || {
        if pending.get() {
            return view! { <span>"Placing your order\u{2026}"</span> }.into_any();
        }
        view! {
            {paid.then(|| view! {
                <span class="pay-card">{move || format!("Pay {}", amount())}</span>
                <span class="pay-bank">{move || format!("Order and pay {} by bank transfer", amount())}</span>
            })}
            {trial.then(|| view! { <span class="pay-trial">"Start free trial"</span> })}
        }
        .into_any()
    };
    let offer_class = match offer.plan.offer {
        Offer::Trial => "trial-only",
        _ => "",
    };
    view! {
        <aside class="checkout-summary" aria-labelledby="summary-heading">
            <h2 id="summary-heading">"Order summary"</h2>
            <p class="summary-plan">{title}</p>
            {body}
            <button type="submit" class=format!("primary pay {}", offer_class) disabled=move || pending.get()>{label}</button>
        </aside>
    }
}

fn trial_summary(currency: Currency, today: NaiveDate, days: u64, locale: Locale) -> impl IntoView {
    let until = today.checked_add_days(Days::new(days)).unwrap_or(today);
    view! {
        <dl class="summary-total">
            <dt>"Due now"</dt>
            <dd data-field="total">{money(&Money::zero(currency), locale)}</dd>
        </dl>
        <p class="renewal">{format!("Free for {days} days, until {}. No card needed; you choose a plan to continue before then.", date(until, locale))}</p>
    }
}

fn paid_summary(q: &Quote, country: &str, today: NaiveDate, locale: Locale) -> impl IntoView {
    let renews = today
        .checked_add_months(Months::new(q.period_months))
        .unwrap_or(today);
    let lines = q
        .lines
        .iter()
        .filter(|l| l.kind != LineKind::Tax)
        .map(|l| {
            view! { <tr><td>{l.description.clone()}</td><td class="num">{money(&l.amount, locale)}</td></tr> }
        })
        .collect_view();
    let tax_label = q
        .lines
        .iter()
        .find(|l| l.kind == LineKind::Tax)
        .map(|l| format!("{}, {country}", l.description))
        .unwrap_or_else(|| format!("Tax, {country}"));
    let renewal = format!(
        "Then {} {} from {}.",
        money(&q.recurring_total, locale),
        every(q.period_months, locale),
        date(renews, locale)
    );
    view! {
        <table class="summary-lines" data-total=q.total.minor.to_string()>
            <caption class="visually-hidden">"Price of your choices"</caption>
            <tbody>{lines}</tbody>
            <tfoot>
                <tr><td>"Subtotal"</td><td class="num">{money(&q.subtotal, locale)}</td></tr>
                <tr><td>{tax_label}</td><td class="num">{money(&q.tax, locale)}</td></tr>
            </tfoot>
        </table>
        <dl class="summary-total">
            <dt>"Due now"</dt>
            <dd data-field="total">{money(&q.total, locale)}</dd>
        </dl>
        <p class="renewal" data-field="renewal">{renewal}</p>
        // The total the customer saw: the server refuses the order if its own total differs.
        <input type="hidden" name="form[expected_total]" value=q.total.minor.to_string() />
    }
}
