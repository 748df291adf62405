//! One order for the operator: summary, every status change with who or what made it, payments,
//! invoices (each linking to its page, with its timeline and refunds), provisioning attempts step
//! by step, and the decisions that fit its status.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::orders::detail::{order_detail, OrderDetailView};
use crate::api::orders::queue::{ApproveOrder, RejectOrder, RetryOrder};
use crate::components::confirm::ConfirmSubmit;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::table_box::{rows_or, TableBox};
use crate::domain::order_flow::{event_label, OrderStatus};
use crate::domain::payment::gateway_label;
use crate::domain::Actor;
use crate::error::AppError;

/// The order page, for operators.
#[component]
pub fn OrderDetailPage() -> impl IntoView {
    let params = use_params_map();
    let approve = ServerAction::<ApproveOrder>::new();
    let reject = ServerAction::<RejectOrder>::new();
    let retry = ServerAction::<RetryOrder>::new();
    let detail = Resource::new(
        move || {
            let id = params.read().get("id").and_then(|v| v.parse::<i64>().ok());
            (
                id,
                approve.version().get(),
                reject.version().get(),
                retry.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => order_detail(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let error = Signal::derive(move || {
        [
            approve.value().get(),
            reject.value().get(),
            retry.value().get(),
        ]
        .into_iter()
        .flatten()
        .find_map(|r| r.err())
        .map(|e| e.to_string())
    });
    view! {
        <Title text="Order \u{2014} Tenantry" />
        <section class="card wide">
            <div class="row"><h1>"Order"</h1><a href="/operator/orders?status=">"All orders"</a></div>
            <ErrorBox message=error />
            <Loaded resource=detail show={move |d| detail_view(d, approve, reject, retry)} />
        </section>
    }
}

fn detail_view(
    d: OrderDetailView,
    approve: ServerAction<ApproveOrder>,
    reject: ServerAction<RejectOrder>,
    retry: ServerAction<RetryOrder>,
) -> impl IntoView {
    let o = d.order;
    let id = o.id.to_string();
    let (waiting, failed) = (
        o.status == OrderStatus::AwaitingApproval,
        o.status == OrderStatus::Failed,
    );
    let decide = (waiting || failed).then(|| {
        let (id1, id2, id3) = (id.clone(), id.clone(), id.clone());
        let name = o.instance_name.clone();
        view! {
            <div class="row decisions">
                {waiting.then(|| view! { <ActionForm action=approve><input type="hidden" name="order_id" value=id1 /><button type="submit" class="primary">"Approve"</button></ActionForm> })}
                {failed.then(|| view! { <ActionForm action=retry><input type="hidden" name="order_id" value=id3 /><button type="submit" class="primary">"Retry setup"</button></ActionForm> })}
                <ActionForm action=reject attr:class="inline">
                    <input type="hidden" name="order_id" value=id2 />
                    <ConfirmSubmit label="Reject" question=format!("Really reject the order for {name}?") confirm="Yes, reject">
                        <input name="reason" placeholder="Reason" aria-label="Reason" required />
                    </ConfirmSubmit>
                </ActionForm>
            </div>
        }
    });
    view! {
        <dl class="facts" data-order=o.instance_name.clone()>
            <dt>"Instance"</dt><dd>{o.instance_name.clone()}</dd>
            <dt>"Customer"</dt><dd>{o.company}" \u{b7} "{o.email}</dd>
            <dt>"Plan"</dt><dd>{o.plan_name}</dd>
            <dt>"Total"</dt><dd>{o.total}</dd>
            <dt>"Status"</dt><dd><span class=format!("badge {}", o.status.as_str()) data-field="status">{o.status.label()}</span></dd>
            {(!o.flag_reasons.is_empty()).then(|| view! { <dt>"Flagged"</dt><dd class="notice">{o.flag_reasons}</dd> })}
            {(!o.failure_reason.is_empty()).then(|| view! { <dt>"Failure"</dt><dd class="error">{o.failure_reason}</dd> })}
            <dt>"Customer's page"</dt><dd><a href=format!("/orders/{}", o.token)>"open"</a></dd>
        </dl>
        {decide}
        <h2>"History"</h2>
        <TableBox label="History">
        <table class="table events">
            <thead><tr><th>"When (UTC)"</th><th>"Event"</th><th>"Status"</th><th>"By"</th><th>"Detail"</th></tr></thead>
            <tbody>{d.events.into_iter().map(|e| view! {
                <tr data-event=e.event.clone()><td>{e.at}</td><td>{event_label(&e.event)}</td><td>{match e.from {
                    Some(from) => format!("{} \u{2192} {}", from.label(), e.to.label()),
                    None => e.to.label().to_string(),
                }}</td><td data-field="actor" data-actor=e.actor.clone()>{Actor::label_of(&e.actor)}</td><td>{e.detail}</td></tr>
            }).collect_view()}</tbody>
        </table>
        </TableBox>
        <h2>"Payments"</h2>
        {if d.payments.is_empty() {
            view! { <p class="muted">"No payment (a free trial)."</p> }.into_any()
        } else {
            view! {
                <TableBox label="Payments">
                <table class="table payments">
                    <thead><tr><th>"Gateway"</th><th>"Status"</th><th class="num">"Amount"</th><th>"Reference"</th><th>"Detail"</th></tr></thead>
                    <tbody>{d.payments.into_iter().map(|p| view! {
                        <tr data-gateway=p.gateway.clone()><td>{gateway_label(&p.gateway)}</td><td>{p.status.label()}</td><td class="num">{p.amount}</td><td><code>{p.reference}</code></td><td>{p.detail}</td></tr>
                    }).collect_view()}</tbody>
                </table>
                </TableBox>
            }.into_any()
        }}
        <h2>"Invoices"</h2>
        {rows_or(d.invoices, "No invoice (a free trial).", |invoices| view! {
            <TableBox label="Invoices">
            <table class="table invoices">
                <thead><tr><th>"Number"</th><th>"Status"</th><th class="num">"Total"</th><th>"Issued"</th></tr></thead>
                <tbody>{invoices.into_iter().map(|i| view! {
                    <tr data-invoice=i.number.clone()><td><a href=format!("/operator/invoices/{}", i.id)>{i.number.clone()}</a></td><td>{i.status.label()}</td><td class="num">{i.total}</td><td>{i.issued_on}</td></tr>
                }).collect_view()}</tbody>
            </table>
            </TableBox>
        })}
        <h2>"Provisioning"</h2>
        {if d.steps.is_empty() {
            view! { <p class="muted">"Not started."</p> }.into_any()
        } else {
            view! {
                <TableBox label="Provisioning steps">
                <table class="table steps">
                    <thead><tr><th class="num">"Attempt"</th><th>"Step"</th><th>"Status"</th><th>"Detail"</th></tr></thead>
                    <tbody>{d.steps.into_iter().map(|s| view! {
                        <tr data-state=s.status.as_str()><td class="num">{s.attempt}</td><td>{s.step}</td><td>{s.status.label()}</td><td>{s.detail}</td></tr>
                    }).collect_view()}</tbody>
                </table>
                </TableBox>
            }.into_any()
        }}
    }
}
