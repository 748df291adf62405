//! One tenant for the operator: its state, subscription and unpaid invoice, every change with who
//! made it and why, and the actions its state allows (each with a reason; deleting its data asks
//! for its name).
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::health::CheckTenantHealth;
use crate::api::rehearsals::RehearseTenant;
use crate::api::tenants::{tenant_detail, ActOnTenant, TenantAction, TenantDetailView};
use crate::components::confirm::ConfirmSubmit;
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::table_box::TableBox;
use crate::domain::dunning::DunningStatus;
use crate::domain::rehearsal::can_rehearse;
use crate::domain::tenant_state::{transition, TenantEvent, TenantState};
use crate::domain::Actor;
use crate::error::AppError;
use crate::pages::operator::health::tenant_health_section;
use crate::wire::rehearsals::RehearsalSummary;
use crate::wire::tenants::TenantEventView;

/// The tenant page, for operators.
#[component]
pub fn TenantPage() -> impl IntoView {
    let params = use_params_map();
    let edits = Edits::new();
    let act = edits.action::<ActOnTenant, _>();
    let rehearse = edits.action::<RehearseTenant, _>();
    let check = edits.action::<CheckTenantHealth, _>();
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = rehearse.value().get() {
            navigate(&format!("/operator/rehearsals/{id}"), Default::default());
        }
    });
    let detail = Resource::new(
        move || {
            let id = params.read().get("id").and_then(|v| v.parse::<i64>().ok());
            (id, edits.version())
        },
        |(id, _)| async move {
            match id {
                Some(id) => tenant_detail(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let error = edits.error();
    view! {
        <Title text="Tenant \u{2014} Tenantry" />
        <section class="card wide">
            <div class="row"><h1>"Tenant"</h1><a href="/operator">"All tenants"</a></div>
            <ErrorBox message=error />
            <Loaded resource=detail show={move |t| tenant_view(t, act, rehearse, check)} />
        </section>
    }
}

fn tenant_view(
    t: TenantDetailView,
    act: ServerAction<ActOnTenant>,
    rehearse: ServerAction<RehearseTenant>,
    check: ServerAction<CheckTenantHealth>,
) -> impl IntoView {
    let held = t
        .dunning
        .as_ref()
        .is_some_and(|d| d.status == DunningStatus::Open);
    let rehearsals = t.rehearsals.clone();
    view! {
        {facts(&t, true)}
        {actions(&t, held, act)}
        {super::tenant_billing::part(&t)}
        {rehearsals_part(t.id, t.state, rehearsals, rehearse)}
        {t.health.clone().map(|h| tenant_health_section(h, check))}
        <h2>"History"</h2>
        {history(t.events)}
    }
}

/// The tenant's facts: instance, customer, plan, state, subscription and unpaid invoice. `real`
/// is false for a rehearsal's copy, whose instance and orders are not the platform's to link.
pub fn facts(t: &TenantDetailView, real: bool) -> impl IntoView {
    let sub = t.subscription.clone();
    let dunning = t.dunning.clone();
    let instance = if real {
        view! { <a href=t.url.clone()>{t.name.clone()}</a> }.into_any()
    } else {
        t.name.clone().into_any()
    };
    view! {
        <dl class="facts" data-tenant=t.name.clone()>
            <dt>"Instance"</dt><dd>{instance}</dd>
            <dt>"Customer"</dt><dd>{t.company.clone()}" \u{b7} "{t.email.clone()}</dd>
            <dt>"Plan"</dt><dd>{t.plan_name.clone()}</dd>
            <dt>"State"</dt><dd><span class=format!("badge {}", t.state.as_str()) data-field="state">{t.state.label()}</span></dd>
            {sub.map(|s| view! {
                <dt>"Subscription"</dt>
                <dd>{s.status.label()}{s.cancelling.then_some(" \u{b7} ends at the period's end")}</dd>
                {match s.trial_ends {
                    Some(end) => view! { <dt>"Trial ends (UTC)"</dt><dd data-field="trial-ends">{end}</dd> }.into_any(),
                    None => view! { <dt>"Paid until (UTC)"</dt><dd data-field="period-end">{s.period_end}</dd> }.into_any(),
                }}
            })}
            {dunning.map(|d| view! {
                <dt>"Unpaid invoice"</dt>
                <dd data-field="dunning" data-status=d.status.as_str()>
                    {if real {
                        view! { <a href=format!("/operator/invoices/{}", d.invoice_id) data-field="invoice">{d.invoice_number}</a> }.into_any()
                    } else {
                        d.invoice_number.into_any()
                    }}
                    {format!(" \u{b7} {} \u{b7} {} since {}", d.amount, d.status.label(), d.failed_at)}
                    {format!(" \u{b7} {} card retries", d.attempts)}
                    {d.next_attempt.map(|n| format!(" \u{b7} next {n}"))}
                    {d.suspended_at.map(|s| format!(" \u{b7} suspended {s}"))}
                    {real.then(|| view! { " \u{b7} "<a href=format!("/operator/orders/{}", d.order_id)>"its order"</a> })}
                </dd>
            })}
        </dl>
    }
}

/// The tenant's history, newest first.
pub fn history(events: Vec<TenantEventView>) -> impl IntoView {
    view! {
        <TableBox label="History">
        <table class="table events">
            <thead><tr><th>"When (UTC)"</th><th>"Event"</th><th>"State"</th><th>"By"</th><th>"Reason"</th></tr></thead>
            <tbody>{events.into_iter().map(|e| view! {
                <tr data-event=e.event.clone()><td>{e.at}</td><td>{e.event.replace('_', " ")}</td><td>{match e.from {
                    Some(from) if from != e.to => format!("{} \u{2192} {}", from.label(), e.to.label()),
                    _ => e.to.label().to_string(),
                }}</td><td data-actor=e.actor.clone()>{Actor::label_of(&e.actor)}</td><td>{e.detail}</td></tr>
            }).collect_view()}</tbody>
        </table>
        </TableBox>
    }
}

/// Opening a rehearsal of the tenant's billing, and the ones open.
fn rehearsals_part(
    tenant_id: i64,
    state: TenantState,
    list: Vec<RehearsalSummary>,
    rehearse: ServerAction<RehearseTenant>,
) -> impl IntoView {
    let form = can_rehearse(state).then(|| {
        view! {
            <ActionForm action=rehearse attr:class="inline rehearse-form">
                <input type="hidden" name="tenant_id" value=tenant_id.to_string() />
                <button type="submit">"Rehearse billing"</button>
            </ActionForm>
        }
    });
    let items = list
        .into_iter()
        .map(|r| view! {
            <li data-rehearsal=r.id.to_string()>
                <a href=format!("/operator/rehearsals/{}", r.id)>{format!("Rehearsal {}", r.id)}</a>
                {format!(" \u{b7} opened {} by {} \u{b7} its clock at {}", r.created_at, Actor::label_of(&r.created_by), r.now)}
            </li>
        })
        .collect_view();
    view! {
        <h2>"Rehearsals"</h2>
        <p class="muted">"Run a copy of this tenant's subscription forward in time to see the invoices, charges, mails and changes of state billing would make. The copy never touches the tenant, its instance or its customer."</p>
        {form}
        <ul class="rehearsals">{items}</ul>
    }
}

/// The forms of the actions the tenant's state allows, each with its fields labelled.
fn actions(t: &TenantDetailView, held: bool, act: ServerAction<ActOnTenant>) -> impl IntoView {
    let allows = |event: TenantEvent| transition(t.state, &event).is_ok();
    let id = t.id.to_string();
    let name = t.name.clone();
    let reason =
        || view! { <label>"Reason" <input name="reason" required maxlength="500" /></label> };
    let form = |action: TenantAction, legend: String, extra: AnyView, submit: AnyView| {
        let id = id.clone();
        view! {
            <ActionForm action=act attr:class="form tenant-action">
                <fieldset>
                    <legend>{legend}</legend>
                    <input type="hidden" name="tenant_id" value=id />
                    <input type="hidden" name="action" value=action.as_str() />
                    {extra}
                    {submit}
                </fieldset>
            </ActionForm>
        }
        .into_any()
    };
    let button = |label: &'static str| view! { <button type="submit">{label}</button> }.into_any();
    let mut out: Vec<AnyView> = Vec::new();
    if allows(TenantEvent::Suspend) {
        out.push(form(
            TenantAction::Suspend,
            "Suspend".into(),
            reason().into_any(),
            button("Suspend"),
        ));
    }
    if t.state == TenantState::Suspended && !held {
        out.push(form(
            TenantAction::Resume,
            "Resume".into(),
            reason().into_any(),
            button("Resume"),
        ));
    }
    if matches!(t.state, TenantState::Trial | TenantState::Active) {
        let what = if t.state == TenantState::Trial {
            "Extend the trial"
        } else {
            "Extend the paid period"
        };
        let fields = view! {
            <label>"Days to add" <input name="days" type="number" min="1" max="366" value="14" required /></label>
            {reason()}
        }
        .into_any();
        out.push(form(
            TenantAction::Extend,
            what.into(),
            fields,
            button("Extend"),
        ));
    }
    if allows(TenantEvent::Restore) {
        out.push(form(
            TenantAction::Restore,
            "Restore from the archive".into(),
            reason().into_any(),
            button("Restore"),
        ));
    }
    if allows(TenantEvent::Archive) {
        let confirm = view! {
            <ConfirmSubmit label="Archive" question=format!("Really archive {name}? Its users lose access; its data is kept for the retention period.") confirm="Yes, archive">
                {reason()}
            </ConfirmSubmit>
        }
        .into_any();
        out.push(form(
            TenantAction::Archive,
            "Archive".into(),
            ().into_any(),
            confirm,
        ));
    }
    if allows(TenantEvent::Terminate) {
        let confirm = view! {
            <ConfirmSubmit label="Delete data now" question=format!("This deletes {name}'s database for good (its invoices are kept). Type its name to confirm.") confirm="Delete the data">
                <label>"The instance's name" <input name="confirm" required autocomplete="off" /></label>
                {reason()}
            </ConfirmSubmit>
        }
        .into_any();
        out.push(form(
            TenantAction::Terminate,
            "Delete the data".into(),
            ().into_any(),
            confirm,
        ));
    }
    view! { <h2>"Actions"</h2><div class="tenant-actions">{out}</div> }
}
