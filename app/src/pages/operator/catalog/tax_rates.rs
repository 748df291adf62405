//! The tax rates page at `/operator/tax-rates`: one rate per billing country.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::catalog::tax_rates::{admin_tax_rates, RemoveTaxRate, SetTaxRate};
use crate::components::confirm::ConfirmSubmit;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::table_box::{rows_or, TableBox};
use crate::pages::query_param;

/// The page, for operators.
#[component]
pub fn TaxRatesPage() -> impl IntoView {
    let set = ServerAction::<SetTaxRate>::new();
    let remove = ServerAction::<RemoveTaxRate>::new();
    let rates = Resource::new(
        move || (set.version().get(), remove.version().get()),
        |_| admin_tax_rates(),
    );
    let from_query = query_param("error");
    let error = Signal::derive(move || {
        let failed = set.value().get().and_then(|r| r.err());
        failed
            .or_else(|| remove.value().get().and_then(|r| r.err()))
            .map(|e| e.to_string())
            .or_else(|| from_query.clone())
    });
    view! {
        <Title text="Tax rates \u{2014} Tenantry" />
        <section class="card wide">
            <div class="row"><h1>"Tax rates"</h1><a href="/operator/catalog">"Catalog"</a></div>
            <p class="muted">"Orders are accepted only from countries listed here; a rate applies to orders placed after it is set."</p>
            <ErrorBox message=error />
            <ActionForm action=set attr:class="inline price-form">
                <input name="country" placeholder="FR" aria-label="Country (ISO code)" required maxlength="2" size="2" />
                <input name="percent" placeholder="20.00" aria-label="Rate in percent" required />
                <span>"%"</span>
                <button type="submit" class="primary">"Set rate"</button>
            </ActionForm>
            <Loaded resource=rates show={move |list| rows_or(list, "No tax rates yet: no country can order until one is set above.", move |list| view! {
                            <TableBox label="Tax rates">
                            <table class="table tax-rates">
                                <thead><tr><th>"Country"</th><th class="num">"Rate"</th><th>"Actions"</th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|r| { let tag = r.country.clone(); view! {
                                        <tr data-country=tag>
                                            <td>{r.country.clone()}</td>
                                            <td class="num">{format!("{} %", r.percent)}</td>
                                            <td><ActionForm action=remove attr:class="inline"><input type="hidden" name="country" value=r.country.clone() /><ConfirmSubmit label="Remove" question=format!("Really remove the rate of {}? Orders from there are refused then.", r.country) confirm="Yes, remove" /></ActionForm></td>
                                        </tr>
                                    }}).collect_view()}
                                </tbody>
                            </table>
                            </TableBox>
            })} />
        </section>
    }
}
