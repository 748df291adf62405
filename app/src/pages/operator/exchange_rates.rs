//! The reporting currency and the exchange rates the dashboard adds every currency's MRR with.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::exchange_rates::{
    exchange_rates, ExchangeRatesView, SaveExchangeRate, SetReportingCurrency,
};
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::table_box::{rows_or, TableBox};

/// The page, for operators.
#[component]
pub fn ExchangeRatesPage() -> impl IntoView {
    let edits = Edits::new();
    let reporting = edits.action::<SetReportingCurrency, _>();
    let save = edits.action::<SaveExchangeRate, _>();
    let data = Resource::new(move || edits.version(), |_| exchange_rates());
    let error = edits.error();
    view! {
        <Title text="Exchange rates \u{2014} Tenantry" />
        <section class="card wide">
            <div class="row"><h1>"Exchange rates"</h1><a href="/operator">"Dashboard"</a></div>
            <p class="muted">"The dashboard adds the MRR of every currency in the reporting currency, each month at the rate in force at its end (for the running month: today's)."</p>
            <ErrorBox message=error />
            <Loaded resource=data show={move |v| page(v, reporting, save)} />
        </section>
    }
}

fn page(
    v: ExchangeRatesView,
    reporting: ServerAction<SetReportingCurrency>,
    save: ServerAction<SaveExchangeRate>,
) -> impl IntoView {
    let current = v.reporting.clone().unwrap_or_default();
    let shown = current.clone();
    let options = v.currencies.clone();
    view! {
        <ActionForm action=reporting attr:class="form inline" attr:data-form="reporting">
            <label>"Reporting currency"
                <input name="reporting" required maxlength="3" pattern="[A-Za-z]{3}" value=shown
                    list="currencies" autocomplete="off" /></label>
            <datalist id="currencies">{options.iter().map(|c| view! { <option value=c.clone()></option> }).collect_view()}</datalist>
            <button type="submit">"Set"</button>
        </ActionForm>
        {if current.is_empty() {
            view! { <p class="muted">"Set the reporting currency first; rates convert into it."</p> }.into_any()
        } else {
            view! {
                <h2>{format!("Rates into {current}")}</h2>
                <ActionForm action=save attr:class="form inline" attr:data-form="rate">
                    <label>"Currency"<input name="currency" required maxlength="3" pattern="[A-Za-z]{3}" list="currencies" autocomplete="off" /></label>
                    <label>"Holds from"<input name="valid_from" type="date" required /></label>
                    <label>{format!("{current} for one unit")}<input name="rate" required inputmode="decimal" placeholder="1.0845" /></label>
                    <button type="submit" class="primary">"Save rate"</button>
                </ActionForm>
                {rows_or(v.rates, "No rates yet.", |rates| view! {
                    <TableBox label="Exchange rates">
                        <table class="table rates">
                            <thead><tr><th scope="col">"Currency"</th><th scope="col">"Holds from"</th><th scope="col" class="num">"Rate"</th><th scope="col">"Entered by"</th></tr></thead>
                            <tbody>{rates.into_iter().map(|r| { let code = r.currency.clone(); view! {
                                <tr data-currency=code><td>{r.currency}</td><td>{r.valid_from}</td><td class="num">{r.rate}</td><td>{r.created_by}</td></tr>
                            }}).collect_view()}</tbody>
                        </table>
                    </TableBox>
                })}
            }.into_any()
        }}
    }
}
