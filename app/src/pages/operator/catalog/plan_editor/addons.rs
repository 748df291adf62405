//! The plan editor's add-ons: change the most one may order, detach, attach another.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::catalog::plan_editor::{AttachPlanAddon, DetachPlanAddon};
use crate::components::table_box::TableBox;
use crate::wire::catalog::plans::AdminPlanDetail;

/// Attached add-ons as forms, and a form to attach one in the plan's currency.
pub(super) fn section(
    p: &AdminPlanDetail,
    attach: ServerAction<AttachPlanAddon>,
    detach: ServerAction<DetachPlanAddon>,
    live: bool,
) -> impl IntoView {
    let plan_id = p.id.to_string();
    let none = p
        .addons
        .is_empty()
        .then(|| view! { <p class="muted empty">"No add-ons on this plan: attach one below."</p> });
    let rows = p
        .addons
        .iter()
        .cloned()
        .map(|a| {
            let (id, id2, addon, addon2) = (
                plan_id.clone(),
                plan_id.clone(),
                a.id.to_string(),
                a.id.to_string(),
            );
            let tag = a.code.clone();
            view! {
                <tr data-addon=tag>
                    <td>{a.name}<br/><code>{a.code}</code></td>
                    <td class="num">{format!("{} + {} / month", a.setup, a.recurring)}</td>
                    <td>
                        <ActionForm action=attach attr:class="inline">
                            <input type="hidden" name="plan_id" value=id />
                            <input type="hidden" name="addon_id" value=addon />
                            <input type="number" name="max_quantity" min="1" value=a.max_quantity.to_string() aria-label="Most per order" disabled=!live />
                            {live.then(|| view! { <button type="submit">"Save"</button> })}
                        </ActionForm>
                    </td>
                    <td>{live.then(|| view! {
                        <ActionForm action=detach attr:class="inline">
                            <input type="hidden" name="plan_id" value=id2 />
                            <input type="hidden" name="addon_id" value=addon2 />
                            <button type="submit">"Detach"</button>
                        </ActionForm>
                    })}</td>
                </tr>
            }
        })
        .collect_view();
    let options = p
        .addable_addons
        .iter()
        .map(|a| view! { <option value=a.id.to_string()>{a.name.clone()}</option> })
        .collect_view();
    let add = (live && !p.addable_addons.is_empty()).then(|| view! {
        <ActionForm action=attach attr:class="inline add-addon">
            <input type="hidden" name="plan_id" value=plan_id.clone() />
            <select name="addon_id" aria-label="Add-on">{options}</select>
            <input type="number" name="max_quantity" min="1" value="1" aria-label="Most per order" />
            <button type="submit">"Attach"</button>
        </ActionForm>
    });
    view! {
        <h3>"Add-ons " <a href="/operator/catalog/addons">"(manage)"</a></h3>
        {none}
        <TableBox label="Add-ons"><table class="table plan-addons">
            <thead><tr><th>"Add-on"</th><th class="num">"Price"</th><th>"Most per order"</th><th>"Actions"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table></TableBox>
        {add}
    }
}
