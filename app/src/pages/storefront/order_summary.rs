//! The order summary beside the form: what is bought, the setup fees, the tax, the amount due
//! now, then the renewal in words ("then €1,157.87 every year from 29 Nov 2027"), and the button
//! that names the amount.
use chrono::{Days, Months, NaiveDate};
use leptos::prelude::*;

use super::choices::{Choices, Start};
use crate::api::orders::PlanOffer;
use crate::domain::format::{date, every, money, Locale};
use crate::domain::pricing::{percent_label, LineKind, Offer, Quote};
use crate::domain::{Currency, Money};
use crate::i18n::{t, t_args};

/// The summary and the order button.
#[component]
pub fn OrderSummary(
    offer: PlanOffer,
    choices: Choices,
    #[prop(into)] pending: Signal<bool>,
) -> impl IntoView {
    let locale = crate::i18n::locale();
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
    let rates = offer.countries.clone();
    let rate = move || {
        let code = choices.country.get();
        match choices.reverse_charge.get() {
            true => 0,
            false => rates
                .iter()
                .find(|c| c.code == code)
                .map(|c| c.tax_basis_points)
                .unwrap_or(0),
        }
    };
    // The code as the server found it (upper case), for the discount line's label.
    let coupon_code = move || {
        choices
            .coupon_terms
            .get()
            .map(|c| c.code.to_string())
            .unwrap_or_default()
    };
    let body = move || match (choices.start.get(), choices.price.get()) {
        (Start::Trial, _) => trial_summary(currency, today, trial_days, locale).into_any(),
        (Start::Paid, Ok(q)) => {
            let reverse_charge = choices.reverse_charge.get();
            view! {
                {paid_summary(&q, &coupon_code(), &country_name(), rate(), today, locale)}
                {reverse_charge.then(|| view! {
                    <p class="reverse-charge" data-field="reverse-charge">{t("checkout-reverse-charge")}</p>
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
            return view! { <span>{t("checkout-placing")}</span> }.into_any();
        }
        view! {
            {paid.then(|| view! {
                <span class="pay-card">{move || t_args("checkout-pay", &[("amount", amount())])}</span>
                <span class="pay-bank">{move || t_args("checkout-pay-bank", &[("amount", amount())])}</span>
            })}
            {trial.then(|| view! { <span class="pay-trial">{t("checkout-start-trial")}</span> })}
        }
        .into_any()
    };
    let offer_class = match offer.plan.offer {
        Offer::Trial => "trial-only",
        _ => "",
    };
    view! {
        <aside class="checkout-summary" aria-labelledby="summary-heading">
            <h2 id="summary-heading">{t("checkout-summary")}</h2>
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
            <dt>{t("checkout-due-now")}</dt>
            <dd data-field="total">{money(&Money::zero(currency), locale)}</dd>
        </dl>
        <p class="renewal">{t_args("checkout-trial-summary", &[("days", days.to_string()), ("date", date(until, locale))])}</p>
    }
}

fn paid_summary(
    q: &Quote,
    code: &str,
    country: &str,
    rate_bp: u32,
    today: NaiveDate,
    locale: Locale,
) -> impl IntoView {
    let renews = today
        .checked_add_months(Months::new(q.period_months))
        .unwrap_or(today);
    let lines = q
        .lines
        .iter()
        .filter(|l| l.kind != LineKind::Tax)
        .map(|l| {
            let what = match (l.kind, q.period_months) {
                (LineKind::Setup, _) => t("checkout-line-setup"),
                (LineKind::Recurring, 1) => t("checkout-line-subscription-month"),
                (LineKind::Recurring, months) => t_args(
                    "checkout-line-subscription",
                    &[("months", months.to_string())],
                ),
                (LineKind::Discount, _) => t_args("checkout-line-discount", &[("code", code.to_string())]),
                _ => l.description.clone(),
            };
            let kind = (l.kind == LineKind::Discount).then_some("discount");
            view! { <tr data-line=kind><td>{what}</td><td class="num">{money(&l.amount, locale)}</td></tr> }
        })
        .collect_view();
    let tax_label = t_args(
        "checkout-tax",
        &[
            ("rate", percent_label(rate_bp)),
            ("country", country.to_string()),
        ],
    );
    let renewal = t_args(
        "checkout-renewal",
        &[
            ("amount", money(&q.recurring_total, locale)),
            ("every", every(q.period_months, locale)),
            ("date", date(renews, locale)),
        ],
    );
    view! {
        <table class="summary-lines" data-total=q.total.minor.to_string()>
            <caption class="visually-hidden">{t("checkout-price-of-choices")}</caption>
            <tbody>{lines}</tbody>
            <tfoot>
                <tr><td>{t("checkout-subtotal")}</td><td class="num">{money(&q.subtotal, locale)}</td></tr>
                <tr><td>{tax_label}</td><td class="num">{money(&q.tax, locale)}</td></tr>
            </tfoot>
        </table>
        <dl class="summary-total">
            <dt>{t("checkout-due-now")}</dt>
            <dd data-field="total">{money(&q.total, locale)}</dd>
        </dl>
        <p class="renewal" data-field="renewal">{renewal}</p>
        // The total the customer saw: the server refuses the order if its own total differs.
        <input type="hidden" name="form[expected_total]" value=q.total.minor.to_string() />
    }
}
