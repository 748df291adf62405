//! The operator's catalog: every plan version with its status and subscribers; create a plan,
//! publish, unpublish, retire, delete and re-price, and links to the editors.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::nav::CatalogNav;
use crate::api::catalog::plan_editor::{admin_products, CreatePlan};
use crate::api::catalog::plans::{admin_plans, DeletePlan, RepricePlan, SetPlanStatus};
use crate::components::confirm::ConfirmSubmit;
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::table_box::{rows_or, TableBox};
use crate::domain::PlanStatus;
use crate::wire::catalog::plans::AdminPlanView;

/// The catalog page, for operators.
#[component]
pub fn PlansPage() -> impl IntoView {
    let edits = Edits::new();
    let status = edits.action::<SetPlanStatus, _>();
    let delete = edits.action::<DeletePlan, _>();
    let reprice = edits.action::<RepricePlan, _>();
    let create = edits.action::<CreatePlan, _>();
    let plans = Resource::new(move || edits.version(), |_| admin_plans());
    let error = edits.error();
    view! {
        <Title text="Catalog \u{2014} Tenantry" />
        <section class="card wide">
            <div class="row"><h1>"Catalog"</h1><a href="/operator">"Tenants"</a></div>
            <CatalogNav />
            <p class="muted">"Re-pricing a plan that has orders creates a new version: existing subscribers keep the version they bought."</p>
            <ErrorBox message=error />
            <NewPlan create />
            <Loaded resource=plans show={move |list| rows_or(list, "No plans yet: create a draft with \"New plan\" above.", move |list| view! {
                            <TableBox label="Plans">
                            <table class="table catalog">
                                <thead><tr><th>"Plan"</th><th>"Version"</th><th>"Status"</th><th class="num">"Subscribers"</th><th>"Prices (setup / first / renewal)"</th><th>"Actions"</th></tr></thead>
                                <tbody>{list.into_iter().map(|p| plan_row(p, status, delete, reprice)).collect_view()}</tbody>
                            </table>
                            </TableBox>
            })} />
        </section>
    }
}

fn plan_row(
    p: AdminPlanView,
    status: ServerAction<SetPlanStatus>,
    delete: ServerAction<DeletePlan>,
    reprice: ServerAction<RepricePlan>,
) -> impl IntoView {
    let id = p.id.to_string();
    let live = p.status != PlanStatus::Retired;
    let status_button = move |to: PlanStatus, label: &'static str| {
        let id = id.clone();
        view! { <ActionForm action=status attr:class="inline"><input type="hidden" name="plan_id" value=id /><input type="hidden" name="status" value=to.as_str() /><button type="submit">{label}</button></ActionForm> }
    };
    let publish =
        (p.status == PlanStatus::Draft).then(|| status_button(PlanStatus::Published, "Publish"));
    let unpublish =
        (p.status == PlanStatus::Published).then(|| status_button(PlanStatus::Draft, "Unpublish"));
    let retire = live.then(|| {
        let (id, name) = (p.id.to_string(), p.name.clone());
        view! {
            <ActionForm action=status attr:class="inline">
                <input type="hidden" name="plan_id" value=id />
                <input type="hidden" name="status" value=PlanStatus::Retired.as_str() />
                <ConfirmSubmit label="Retire" question=format!("Really retire the plan {name}? It can no longer be ordered.") confirm="Yes, retire" />
            </ActionForm>
        }
    });
    let delete_question = format!("Really delete the plan {}?", p.name);
    let plan_id = p.id.to_string();
    let periods = p
        .periods
        .into_iter()
        .map(|per| {
            let (plan_id, months) = (plan_id.clone(), per.months.to_string());
            view! {
                <ActionForm action=reprice attr:class="inline price-form">
                    <input type="hidden" name="plan_id" value=plan_id />
                    <input type="hidden" name="months" value=months />
                    <span>{format!("{} mo", per.months)}</span>
                    <input name="setup" value=per.setup size="7" aria-label="Setup fee" disabled=!live />
                    <input name="recurring" value=per.recurring size="7" aria-label="First-period price" disabled=!live />
                    <input name="renewal" value=per.renewal size="7" aria-label="Renewal price" disabled=!live />
                    {live.then(|| view! { <button type="submit">"Save"</button> })}
                </ActionForm>
            }
        })
        .collect_view();
    let code = p.code.clone();
    view! {
        <tr data-plan=code>
            <td><a href=format!("/operator/catalog/plans/{}", p.id)>{p.name}</a><br/><code>{p.code}</code></td>
            <td>{p.version}</td>
            <td><span class=format!("badge {}", p.status.as_str())>{p.status.label()}</span></td>
            <td class="num">{p.subscribers}</td>
            <td>{format!("{} ", p.currency)}{periods}</td>
            <td>
                {publish}{unpublish}{retire}
                <ActionForm action=delete attr:class="inline"><input type="hidden" name="plan_id" value=plan_id /><ConfirmSubmit label="Delete" question=delete_question confirm="Yes, delete" /></ActionForm>
            </td>
        </tr>
    }
}

/// The form creating a draft plan; its editor opens next.
#[component]
fn NewPlan(create: ServerAction<CreatePlan>) -> impl IntoView {
    let products = Resource::new(|| (), |_| admin_products());
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/operator/catalog/plans/{id}"), Default::default());
        }
    });
    view! {
        <details class="new-plan">
            <summary>"New plan"</summary>
            <ActionForm action=create attr:class="inline price-form">
                <input name="form[code]" placeholder="code" aria-label="Code" required maxlength="40" />
                <input name="form[name]" placeholder="Name" aria-label="Name" required maxlength="200" />
                <input name="form[description]" placeholder="Description" aria-label="Description" />
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let options = products.await.unwrap_or_default();
                        view! {
                            <select name="form[product]" aria-label="Product">
                                {options.into_iter().map(|p| view! { <option value=p.code>{p.name}</option> }).collect_view()}
                            </select>
                        }
                    })}
                </Suspense>
                <input name="form[currency]" value="EUR" size="3" maxlength="3" aria-label="Currency" required />
                <input type="number" name="form[included_users]" value="5" min="1" aria-label="Included users" required />
                <input type="number" name="form[trial_days]" value="0" min="0" max="365" aria-label="Trial days" required />
                <select name="form[trial_end_action]" aria-label="When the trial ends">
                    <option value="suspend">"suspend at trial end"</option>
                    <option value="archive">"archive at trial end"</option>
                </select>
                <button type="submit" class="primary">"Create draft"</button>
            </ActionForm>
        </details>
    }
}
