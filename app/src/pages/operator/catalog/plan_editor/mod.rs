//! The plan editor at `/operator/catalog/plans/:id`: one version's terms, periods, resource
//! rates and add-ons. An edit on a version in use lands on a new version; the page then moves to it.
mod addons;
mod periods;
mod rates;

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::catalog::plan_editor::{
    admin_plan, AttachPlanAddon, DetachPlanAddon, EditPlanPeriod, RemovePlanRate, SetPlanRate,
    UpdatePlanTerms,
};
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::domain::PlanStatus;
use crate::error::AppError;
use crate::pages::query_param;
use crate::wire::catalog::plans::AdminPlanDetail;

/// Every action of the editor; each answers with the id of the version now sold.
#[derive(Clone, Copy)]
struct Actions {
    terms: ServerAction<UpdatePlanTerms>,
    period: ServerAction<EditPlanPeriod>,
    rate: ServerAction<SetPlanRate>,
    unrate: ServerAction<RemovePlanRate>,
    attach: ServerAction<AttachPlanAddon>,
    detach: ServerAction<DetachPlanAddon>,
}

impl Actions {
    fn new() -> Self {
        Actions {
            terms: ServerAction::new(),
            period: ServerAction::new(),
            rate: ServerAction::new(),
            unrate: ServerAction::new(),
            attach: ServerAction::new(),
            detach: ServerAction::new(),
        }
    }

    /// How many times each has run (tracked: the page reloads after any edit).
    fn versions(&self) -> [usize; 6] {
        [
            self.terms.version().get(),
            self.period.version().get(),
            self.rate.version().get(),
            self.unrate.version().get(),
            self.attach.version().get(),
            self.detach.version().get(),
        ]
    }

    /// The latest answer of each, as signals.
    fn answers(&self) -> [Signal<Option<Result<i64, AppError>>>; 6] {
        let a = *self;
        [
            Signal::derive(move || a.terms.value().get()),
            Signal::derive(move || a.period.value().get()),
            Signal::derive(move || a.rate.value().get()),
            Signal::derive(move || a.unrate.value().get()),
            Signal::derive(move || a.attach.value().get()),
            Signal::derive(move || a.detach.value().get()),
        ]
    }
}

/// The editor page, for operators.
#[component]
pub fn PlanEditorPage() -> impl IntoView {
    let params = use_params_map();
    let plan_id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let actions = Actions::new();
    let plan = Resource::new(
        move || (plan_id(), actions.versions()),
        |(id, _)| admin_plan(id),
    );
    let error = RwSignal::new(query_param("error"));
    let navigate = use_navigate();
    // After a hydrated edit: show its error, or follow the edit to the version now sold.
    for answer in actions.answers() {
        let navigate = navigate.clone();
        Effect::new(move |_| match answer.get() {
            Some(Err(e)) => error.set(Some(e.to_string())),
            Some(Ok(id)) => {
                error.set(None);
                if id != untrack(plan_id) {
                    navigate(&format!("/operator/catalog/plans/{id}"), Default::default());
                }
            }
            None => {}
        });
    }
    view! {
        <Title text="Plan \u{2014} Tenantry" />
        <section class="card wide plan-editor">
            <div class="row"><h1>"Plan"</h1><a href="/operator/catalog">"Catalog"</a></div>
            <ErrorBox message=error />
            <Loaded resource=plan show={move |p| editor(p, actions)} />
        </section>
    }
}

fn editor(p: AdminPlanDetail, actions: Actions) -> impl IntoView {
    let live = p.status != PlanStatus::Retired;
    let current = p
        .current_id
        .filter(|id| *id != p.id)
        .map(|id| view! { <p class="notice">"This version is retired and keeps its subscribers. " <a href=format!("/operator/catalog/plans/{id}")>"Edit the current version"</a></p> });
    let versioning = (live && p.in_use).then(|| view! {
        <p class="notice" data-field="in-use">"This version has orders: changing a price, rate, add-on or term creates a new version, and its subscribers keep this one."</p>
    });
    let storefronts = if p.storefronts.is_empty() {
        "no storefront".to_string()
    } else {
        p.storefronts.join(", ")
    };
    view! {
        <h2 data-plan=p.code.clone()>{format!("{} \u{2014} version {}", p.name, p.version)}</h2>
        <p>
            <code>{p.code.clone()}</code>" \u{b7} "{p.product.clone()}" \u{b7} "{p.currency.clone()}" \u{b7} "
            <span class=format!("badge {}", p.status.as_str())>{p.status.label()}</span>
            {format!(" \u{b7} {} subscribers \u{b7} published on {storefronts}", p.subscribers)}
        </p>
        {current}
        {versioning}
        {terms_form(&p, actions.terms, live)}
        {periods::section(&p, actions.period, live)}
        {rates::section(&p, actions.rate, actions.unrate, live)}
        {addons::section(&p, actions.attach, actions.detach, live)}
    }
}

fn terms_form(
    p: &AdminPlanDetail,
    action: ServerAction<UpdatePlanTerms>,
    live: bool,
) -> impl IntoView {
    let (suspend, archive) = (
        p.trial_end_action == "suspend",
        p.trial_end_action == "archive",
    );
    let (id, name, description) = (p.id.to_string(), p.name.clone(), p.description.clone());
    let (users, trial) = (p.included_users.to_string(), p.trial_days.to_string());
    view! {
        <h3>"Name and terms"</h3>
        <ActionForm action=action attr:class="form terms">
            <input type="hidden" name="plan_id" value=id />
            <label>"Name" <input name="form[name]" value=name required maxlength="200" disabled=!live /></label>
            <label>"Description" <textarea name="form[description]" disabled=!live>{description}</textarea></label>
            <label>"Included users" <input type="number" name="form[included_users]" min="1" value=users disabled=!live /></label>
            <label>"Trial days (0: no trial)" <input type="number" name="form[trial_days]" min="0" max="365" value=trial disabled=!live /></label>
            <label>"When the trial ends"
                <select name="form[trial_end_action]" disabled=!live>
                    <option value="suspend" selected=suspend>"Suspend the instance"</option>
                    <option value="archive" selected=archive>"Archive the instance"</option>
                </select>
            </label>
            {live.then(|| view! { <button type="submit">"Save terms"</button> })}
        </ActionForm>
    }
}
