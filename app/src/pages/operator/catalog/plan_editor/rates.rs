//! The plan editor's resource rates: what is included, the limit, and the price of more.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::catalog::plan_editor::{RemovePlanRate, SetPlanRate};
use crate::components::table_box::TableBox;
use crate::wire::catalog::plans::AdminPlanDetail;

/// Every rate as a form, and a form to set the rate of any resource.
pub(super) fn section(
    p: &AdminPlanDetail,
    set: ServerAction<SetPlanRate>,
    remove: ServerAction<RemovePlanRate>,
    live: bool,
) -> impl IntoView {
    let plan_id = p.id.to_string();
    let none = p.rates.is_empty().then(|| view! { <p class="muted empty">"No resource rates: only the included users are billed."</p> });
    let rows = p
        .rates
        .iter()
        .cloned()
        .map(|r| {
            let (id, id2, code, code2) = (
                plan_id.clone(),
                plan_id.clone(),
                r.resource.clone(),
                r.resource.clone(),
            );
            view! {
                <tr data-resource=r.resource.clone()>
                    <td>{format!("{} ({})", r.name, r.unit)}</td>
                    <td>
                        <ActionForm action=set attr:class="inline price-form">
                            <input type="hidden" name="plan_id" value=id />
                            <input type="hidden" name="form[resource]" value=code />
                            <input type="number" name="form[included]" min="0" value=r.included.to_string() aria-label="Included" disabled=!live />
                            <input type="number" name="form[hard_limit]" min="0" value=r.hard_limit.to_string() aria-label="Hard limit" disabled=!live />
                            <input name="form[setup]" value=r.setup aria-label="Setup fee per unit" disabled=!live />
                            <input name="form[recurring]" value=r.recurring aria-label="Monthly fee per unit" disabled=!live />
                            <input name="form[overage]" value=r.overage aria-label="Overage per unit" disabled=!live />
                            {live.then(|| view! { <button type="submit">"Save"</button> })}
                        </ActionForm>
                    </td>
                    <td>{live.then(|| view! {
                        <ActionForm action=remove attr:class="inline">
                            <input type="hidden" name="plan_id" value=id2 />
                            <input type="hidden" name="resource" value=code2 />
                            <button type="submit">"Remove"</button>
                        </ActionForm>
                    })}</td>
                </tr>
            }
        })
        .collect_view();
    let options = p
        .resources
        .iter()
        .map(|r| view! { <option value=r.code.clone()>{r.name.clone()}</option> })
        .collect_view();
    let add = live.then(|| view! {
        <ActionForm action=set attr:class="inline price-form add-rate">
            <input type="hidden" name="plan_id" value=plan_id.clone() />
            <select name="form[resource]" aria-label="Resource">{options}</select>
            <input type="number" name="form[included]" min="0" placeholder="Included" aria-label="Included" required />
            <input type="number" name="form[hard_limit]" min="0" placeholder="Limit" aria-label="Hard limit" required />
            <input name="form[setup]" placeholder="Setup/unit" aria-label="Setup fee per unit" required />
            <input name="form[recurring]" placeholder="Monthly/unit" aria-label="Monthly fee per unit" required />
            <input name="form[overage]" placeholder="Overage/unit" aria-label="Overage per unit" required />
            <button type="submit">"Set rate"</button>
        </ActionForm>
    });
    view! {
        <h3>"Resource rates"</h3>
        {none}
        <TableBox label="Resource rates"><table class="table rates">
            <thead><tr><th>"Resource"</th><th>"Included / limit / setup, monthly and overage per unit"</th><th>"Actions"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table></TableBox>
        {add}
    }
}
