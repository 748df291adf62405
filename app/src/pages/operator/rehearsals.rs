//! A rehearsal, for operators: a copy of a tenant whose clock the operator moves forward (a day,
//! a week, a month, to the next event), with the copy's state, its invoices and everything
//! billing did on the way. Plain form posts, so it works without JavaScript.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::tenants::{facts, history};
use crate::api::rehearsals::{rehearsal, EndRehearsal, MoveRehearsal, RehearsalView};
use crate::components::confirm::ConfirmSubmit;
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::table_box::TableBox;
use crate::domain::rehearsal::RehearsalStep;
use crate::error::AppError;
use crate::wire::rehearsals::{RehearsalEntry, RehearsalInvoice};

/// The rehearsal page, for operators.
#[component]
pub fn RehearsalPage() -> impl IntoView {
    let params = use_params_map();
    let edits = Edits::new();
    let step = edits.action::<MoveRehearsal, _>();
    // Not watched with the moves: once deleted, there is nothing to load again.
    let end = ServerAction::<EndRehearsal>::new();
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(tenant_id)) = end.value().get() {
            navigate(
                &format!("/operator/tenants/{tenant_id}"),
                Default::default(),
            );
        }
    });
    let data = Resource::new(
        move || {
            let id = params.read().get("id").and_then(|v| v.parse::<i64>().ok());
            (id, edits.version())
        },
        |(id, _)| async move {
            match id {
                Some(id) => rehearsal(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let moved = edits.error();
    let error = Signal::derive(move || {
        moved.get().or_else(|| {
            end.value()
                .get()
                .and_then(|r| r.err())
                .map(|e| e.to_string())
        })
    });
    view! {
        <Title text="Rehearsal \u{2014} Tenantry" />
        <section class="card wide">
            <div class="row"><h1>"Rehearsal"</h1><a href="/operator">"All tenants"</a></div>
            <ErrorBox message=error />
            <Loaded resource=data show={move |r| rehearsal_view(r, step, end)} />
        </section>
    }
}

fn rehearsal_view(
    r: RehearsalView,
    step: ServerAction<MoveRehearsal>,
    end: ServerAction<EndRehearsal>,
) -> impl IntoView {
    let id = r.id.to_string();
    let steps = RehearsalStep::ALL
        .into_iter()
        .map(|s| {
            let id = id.clone();
            view! {
                <ActionForm action=step attr:class="inline">
                    <input type="hidden" name="rehearsal_id" value=id />
                    <input type="hidden" name="step" value=s.as_str() />
                    <button type="submit" data-step=s.as_str()>{s.label()}</button>
                </ActionForm>
            }
        })
        .collect_view();
    view! {
        <p class="muted">
            "A copy of "<a href=format!("/operator/tenants/{}", r.tenant_id)>{r.tenant.name.clone()}</a>
            {format!(" made {}. Billing runs on the copy as it would on the tenant: charges go to the test gateway, mail is kept here and sent to nobody, and nothing reaches the real tenant.", r.started_at)}
        </p>
        <dl class="facts">
            <dt>"Rehearsal clock (UTC)"</dt><dd data-field="rehearsal-now">{r.now.clone()}</dd>
        </dl>
        <div class="rehearsal-steps" role="group" aria-label="Move the rehearsal's clock">{steps}</div>
        <h2>"The copy now"</h2>
        {facts(&r.tenant, false)}
        <h2>"Invoices"</h2>
        {invoices(r.invoices)}
        <h2>"What happened"</h2>
        {timeline(r.timeline)}
        <h2>"The copy's history"</h2>
        {history(r.tenant.events)}
        <ActionForm action=end attr:class="form end-rehearsal">
            <input type="hidden" name="rehearsal_id" value=id />
            <ConfirmSubmit label="Delete this rehearsal" question="Delete this rehearsal and its copy? The real tenant is not touched." confirm="Yes, delete it" />
        </ActionForm>
    }
}

fn invoices(list: Vec<RehearsalInvoice>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="muted">"No invoices."</p> }.into_any();
    }
    view! {
        <TableBox label="Invoices">
        <table class="table rehearsal-invoices">
            <thead><tr><th>"Number"</th><th>"Issued (UTC)"</th><th class="num">"Total"</th><th>"Status"</th><th>"From"</th></tr></thead>
            <tbody>{list.into_iter().map(|i| view! {
                <tr data-invoice=i.number.clone()>
                    <td>{i.number.clone()}</td><td>{i.issued_at}</td><td class="num">{i.total}</td>
                    <td>{i.status.label()}</td>
                    <td>{if i.rehearsed { "The rehearsal" } else { "The real tenant" }}</td>
                </tr>
            }).collect_view()}</tbody>
        </table>
        </TableBox>
    }
    .into_any()
}

fn timeline(list: Vec<RehearsalEntry>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="muted">"Nothing yet: move the clock."</p> }.into_any();
    }
    view! {
        <TableBox label="What happened">
        <table class="table rehearsal-timeline">
            <thead><tr><th>"When (UTC)"</th><th>"What"</th><th>"Detail"</th></tr></thead>
            <tbody>{list.into_iter().map(|e| view! {
                <tr data-kind=e.kind.as_str()>
                    <td>{e.at}</td><td>{e.kind.label()}</td>
                    <td>{e.text}{e.body.map(|b| view! {
                        <details><summary>"The mail"</summary><pre class="mail-body">{b}</pre></details>
                    })}</td>
                </tr>
            }).collect_view()}</tbody>
        </table>
        </TableBox>
    }
    .into_any()
}
