//! The plan editor's billing periods: re-price, remove, add.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::catalog::plan_editor::EditPlanPeriod;
use crate::components::table_box::TableBox;
use crate::wire::catalog::plans::AdminPlanDetail;

/// Every period as a small form, and a form to add one.
pub(super) fn section(
    p: &AdminPlanDetail,
    action: ServerAction<EditPlanPeriod>,
    live: bool,
) -> impl IntoView {
    let plan_id = p.id.to_string();
    let none = p.periods.is_empty().then(|| view! { <p class="muted empty">"No billing periods yet: the plan cannot be ordered until one is added below."</p> });
    let rows = p
        .periods
        .iter()
        .cloned()
        .map(|per| {
            let (id, months) = (plan_id.clone(), per.months.to_string());
            let (id2, months2, tag) = (id.clone(), months.clone(), months.clone());
            view! {
                <tr data-months=tag>
                    <td>{format!("{} months", per.months)}</td>
                    <td>
                        <ActionForm action=action attr:class="inline price-form">
                            <input type="hidden" name="plan_id" value=id />
                            <input type="hidden" name="op" value="save" />
                            <input type="hidden" name="months" value=months />
                            <input name="setup" value=per.setup size="7" aria-label="Setup fee" disabled=!live />
                            <input name="recurring" value=per.recurring size="7" aria-label="First-period price" disabled=!live />
                            <input name="renewal" value=per.renewal size="7" aria-label="Renewal price" disabled=!live />
                            {live.then(|| view! { <button type="submit">"Save"</button> })}
                        </ActionForm>
                    </td>
                    <td>{live.then(|| view! {
                        <ActionForm action=action attr:class="inline">
                            <input type="hidden" name="plan_id" value=id2 />
                            <input type="hidden" name="op" value="remove" />
                            <input type="hidden" name="months" value=months2 />
                            <button type="submit">"Remove"</button>
                        </ActionForm>
                    })}</td>
                </tr>
            }
        })
        .collect_view();
    let add = live.then(|| view! {
        <ActionForm action=action attr:class="inline price-form add-period">
            <input type="hidden" name="plan_id" value=plan_id.clone() />
            <input type="hidden" name="op" value="add" />
            <input type="number" name="months" min="1" max="36" placeholder="Months" aria-label="Months" required />
            <input name="setup" placeholder="Setup" aria-label="Setup fee" required />
            <input name="recurring" placeholder="First period" aria-label="First-period price" required />
            <input name="renewal" placeholder="Renewal" aria-label="Renewal price" required />
            <button type="submit">"Add period"</button>
        </ActionForm>
    });
    view! {
        <h3>{format!("Billing periods ({})", p.currency)}</h3>
        {none}
        <TableBox label="Billing periods"><table class="table periods">
            <thead><tr><th>"Period"</th><th>"Setup / first period / renewal"</th><th>"Actions"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table></TableBox>
        {add}
    }
}
