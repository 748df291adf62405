//! A paid plan's configurator: period, extra users, add-ons, billing country and payment, with the
//! price computed live by the same domain code the server bills with.
use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::api::orders::PlanOffer;
use crate::domain::payment::TEST_CARDS;
use crate::domain::pricing::{quote, Selection};
use crate::domain::vat_id::{tax_treatment, VatId};
use crate::pages::query_param;

/// The configuration and payment fields plus the live price summary.
#[component]
pub fn Configurator(options: PlanOffer) -> impl IntoView {
    let priced = options.priced.clone();
    let first_period = priced.periods.first().map(|p| p.period_months).unwrap_or(1);
    let period = RwSignal::new(
        query_param("form[period_months]")
            .and_then(|v| v.parse().ok())
            .unwrap_or(first_period),
    );
    let extra_users = RwSignal::new(
        query_param("form[extra_users]")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0u32),
    );
    let addons = RwSignal::new(
        priced
            .addons
            .iter()
            .filter(|a| query_param(&format!("form[addons][{}]", a.code)).as_deref() == Some("1"))
            .map(|a| a.code.clone())
            .collect::<BTreeSet<String>>(),
    );
    let default_country = query_param("form[billing_country]").unwrap_or_else(|| "FR".into());
    let typed_address = query_param("form[billing_address]").unwrap_or_default();
    let country = RwSignal::new(default_country.clone());
    let vat_id = RwSignal::new(query_param("form[vat_id]").unwrap_or_default());
    let seller_country = options.seller_country.clone();
    let method =
        RwSignal::new(query_param("form[payment_method]").unwrap_or_else(|| "card".into()));
    let countries = options.countries.clone();
    let price = {
        let priced = priced.clone();
        let countries = countries.clone();
        Memo::new(move |_| {
            let sel = Selection {
                period_months: period.get(),
                addons: addons.get().into_iter().map(|c| (c, 1)).collect(),
                extra_resources: if extra_users.get() > 0 {
                    vec![("users".into(), extra_users.get())]
                } else {
                    vec![]
                },
            };
            let rate = countries
                .iter()
                .find(|(c, _)| *c == country.get())
                .map(|(_, bp)| *bp)
                .unwrap_or(0);
            // Reverse charge decided as the server decides it, so the totals agree.
            let vat = VatId::parse(&vat_id.get()).ok();
            let tax = tax_treatment(&seller_country, &country.get(), vat.as_ref(), rate);
            quote(&priced, &sel, tax.basis_points).map_err(|e| e.to_string())
        })
    };
    let users_rate = priced.resources.iter().find(|r| r.code == "users").cloned();
    view! {
        <fieldset>
            <legend>"Configure"</legend>
            <label>
                "Billing period"
                <select name="form[period_months]" on:change=move |ev| period.set(event_target_value(&ev).parse().unwrap_or(first_period))>
                    {priced.periods.iter().map(|p| {
                        let months = p.period_months;
                        let label = format!("{} month{} \u{2014} {}", months, if months == 1 { "" } else { "s" }, p.recurring_fee);
                        view! { <option value=months.to_string() selected=move || period.get() == months>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            {users_rate.map(|r| view! {
                <label>
                    {format!("Extra users ({} included, {} per user per month)", r.included, r.recurring_fee_per_unit)}
                    <input type="number" name="form[extra_users]" min="0" max=r.max_extra.to_string()
                        value=extra_users.get_untracked().to_string() prop:value=move || extra_users.get().to_string()
                        on:input=move |ev| extra_users.set(event_target_value(&ev).parse().unwrap_or(0)) />
                </label>
            })}
            {priced.addons.iter().map(|a| {
                let code = a.code.clone();
                let code_for_change = code.clone();
                let ticked = addons.read_untracked().contains(&code);
                let label = format!("{} ({} per month{})", a.name, a.recurring_fee_per_unit, if a.setup_fee.minor > 0 { format!(", setup {}", a.setup_fee) } else { String::new() });
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
            <label>
                "Billing country"
                <select name="form[billing_country]" on:change=move |ev| country.set(event_target_value(&ev))>
                    {countries.iter().map(|(c, bp)| {
                        let c = c.clone();
                        let label = format!("{c} (VAT {}.{:02} %)", bp / 100, bp % 100);
                        let selected = c == default_country;
                        view! { <option value=c.clone() selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>
                "Billing address (street, postal code, city)"
                <textarea name="form[billing_address]" rows="3" maxlength="500" autocomplete="street-address">{typed_address}</textarea>
            </label>
            <label>"VAT ID (optional, for businesses in the EU)" <input name="form[vat_id]" maxlength="20" autocomplete="off"
                value=vat_id.get_untracked() on:input=move |ev| vat_id.set(event_target_value(&ev)) /></label>
        </fieldset>
        <PriceSummary price=price />
        // The total the customer saw: the server refuses the order if its own total differs.
        <input type="hidden" name="form[expected_total]"
            value=move || price.get().map(|q| q.total.minor.to_string()).unwrap_or_default() />
        <fieldset>
            <legend>"Payment"</legend>
            <label class="check"><input type="radio" name="form[payment_method]" value="card" checked=move || method.get() == "card" on:change=move |_| method.set("card".into()) />"Card"</label>
            <label class="check"><input type="radio" name="form[payment_method]" value="bank_transfer" checked=move || method.get() == "bank_transfer" on:change=move |_| method.set("bank_transfer".into()) />"Bank transfer (30 days to pay; your instance is set up once we receive it)"</label>
            <div class="card-fields">
                <label>"Card number" <input name="form[card_number]" inputmode="numeric" autocomplete="cc-number" /></label>
                <span class="row">
                    <label>"Month" <input name="form[card_exp_month]" inputmode="numeric" size="2" autocomplete="cc-exp-month" /></label>
                    <label>"Year" <input name="form[card_exp_year]" inputmode="numeric" size="4" autocomplete="cc-exp-year" /></label>
                    <label>"CVC" <input name="form[card_cvc]" inputmode="numeric" size="4" autocomplete="cc-csc" /></label>
                </span>
                <details class="muted">
                    <summary>"Test cards"</summary>
                    <ul>{TEST_CARDS.iter().map(|(n, d)| view! { <li><code>{*n}</code>" \u{2014} "{*d}</li> }).collect_view()}</ul>
                </details>
            </div>
        </fieldset>
    }
}

#[component]
fn PriceSummary(price: Memo<Result<crate::domain::pricing::Quote, String>>) -> impl IntoView {
    move || {
        match price.get() {
        Ok(q) => view! {
            <table class="table quote" data-total=q.total.minor.to_string()>
                <tbody>
                    {q.lines.iter().map(|l| view! { <tr><td>{l.description.clone()}</td><td class="num">{l.amount.to_string()}</td></tr> }).collect_view()}
                </tbody>
                <tfoot>
                    <tr><th>"Due now"</th><th class="num" data-field="total">{q.total.to_string()}</th></tr>
                    <tr><td>{format!("Then every {} month(s)", q.period_months)}</td><td class="num">{q.recurring_total.to_string()}</td></tr>
                </tfoot>
            </table>
        }
        .into_any(),
        Err(e) => view! { <p class="error">{e}</p> }.into_any(),
    }
    }
}
