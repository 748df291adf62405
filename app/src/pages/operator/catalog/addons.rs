//! The add-ons page at `/operator/catalog/addons`: create add-ons, edit names and prices.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::catalog::addons::{admin_addons, CreateAddon, UpdateAddon};
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::table_box::{rows_or, TableBox};
use crate::wire::catalog::addons::AdminAddonView;

/// The page, for operators.
#[component]
pub fn AddonsPage() -> impl IntoView {
    let edits = Edits::new();
    let create = edits.action::<CreateAddon, _>();
    let update = edits.action::<UpdateAddon, _>();
    let addons = Resource::new(move || edits.version(), |_| admin_addons());
    let error = edits.error();
    view! {
        <Title text="Add-ons \u{2014} Tenantry" />
        <section class="card wide">
            <div class="row"><h1>"Add-ons"</h1><a href="/operator/catalog">"Catalog"</a></div>
            <p class="muted">"Prices of an add-on sold under a plan version with orders are fixed: create a new add-on and swap it on the plan instead."</p>
            <ErrorBox message=error />
            <ActionForm action=create attr:class="inline price-form new-addon">
                <input name="form[code]" placeholder="code" aria-label="Code" required maxlength="40" />
                <input name="form[name]" placeholder="Name" aria-label="Name" required maxlength="200" />
                <input name="form[description]" placeholder="Description" aria-label="Description" />
                <input name="form[currency]" value="EUR" size="3" aria-label="Currency" required maxlength="3" />
                <input name="form[setup]" placeholder="Setup" aria-label="Setup fee" required />
                <input name="form[recurring]" placeholder="Monthly" aria-label="Monthly price" required />
                <button type="submit" class="primary">"Create add-on"</button>
            </ActionForm>
            <Loaded resource=addons show={move |list| rows_or(list, "No add-ons yet: create one with the form above, then offer it on a plan.", move |list| view! {
                            <TableBox label="Add-ons">
                            <table class="table addons">
                                <thead><tr><th>"Add-on"</th><th>"Name, description, setup and monthly price"</th><th>"Sold with"</th></tr></thead>
                                <tbody>{list.into_iter().map(|a| addon_row(a, update)).collect_view()}</tbody>
                            </table>
                            </TableBox>
            })} />
        </section>
    }
}

fn addon_row(a: AdminAddonView, update: ServerAction<UpdateAddon>) -> impl IntoView {
    let fixed = a.in_use;
    view! {
        <tr data-addon=a.code.clone()>
            <td><code>{a.code.clone()}</code><br/>{a.currency.clone()}</td>
            <td>
                <ActionForm action=update attr:class="inline price-form">
                    <input type="hidden" name="addon_id" value=a.id.to_string() />
                    <input name="form[name]" value=a.name aria-label="Name" required maxlength="200" />
                    <input name="form[description]" value=a.description aria-label="Description" />
                    <input name="form[setup]" value=a.setup aria-label="Setup fee" readonly=fixed />
                    <input name="form[recurring]" value=a.recurring aria-label="Monthly price" readonly=fixed />
                    <button type="submit">"Save"</button>
                </ActionForm>
                {fixed.then(|| view! { <span class="muted">"prices fixed: customers pay them"</span> })}
            </td>
            <td>{a.plans.join(", ")}</td>
        </tr>
    }
}
