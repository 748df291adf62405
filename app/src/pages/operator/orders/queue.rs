//! The operator's order queue: filter by status, open an order, approve or reject it, retry or
//! reject one whose provisioning failed.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::orders::queue::{list_orders, ApproveOrder, OrderRowView, RejectOrder, RetryOrder};
use crate::components::confirm::ConfirmSubmit;
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::table_box::TableBox;
use crate::domain::order_flow::OrderStatus;

/// The queue's filters; `None` shows every order.
const FILTERS: [Option<OrderStatus>; 6] = [
    Some(OrderStatus::AwaitingApproval),
    Some(OrderStatus::Provisioning),
    Some(OrderStatus::Completed),
    Some(OrderStatus::Failed),
    Some(OrderStatus::Rejected),
    None,
];

/// The queue, for operators; others are sent to log in.
#[component]
pub fn OrderQueuePage() -> impl IntoView {
    let query = use_query_map();
    let edits = Edits::new();
    let approve = edits.action::<ApproveOrder, _>();
    let reject = edits.action::<RejectOrder, _>();
    let retry = edits.action::<RetryOrder, _>();
    let status = move || {
        query
            .read()
            .get("status")
            .unwrap_or_else(|| "awaiting_approval".into())
    };
    let orders = Resource::new(move || (status(), edits.version()), |(s, _)| list_orders(s));
    let error = edits.error();
    view! {
        <Title text="Orders \u{2014} Tenantry" />
        <section class="card wide">
            <div class="row"><h1>"Orders"</h1><a href="/operator">"Tenants"</a></div>
            <nav class="filters">
                {FILTERS.into_iter().map(|filter| {
                    let code = filter.map_or("", OrderStatus::as_str);
                    let label = filter.map_or("All", OrderStatus::label);
                    view! { <a href=format!("/operator/orders?status={code}") class:active=move || status() == code>{label}</a> }
                }).collect_view()}
            </nav>
            <ErrorBox message=error />
            <Loaded resource=orders show={move |value| match value {
                        list if list.is_empty() => view! { <p class="muted empty">"No orders with this status: orders placed on a storefront appear here."</p> }.into_any(),
                        list => view! {
                            <TableBox label="Orders">
                            <table class="table orders">
                                <thead><tr><th>"Placed (UTC)"</th><th>"Instance"</th><th>"Customer"</th><th>"Plan"</th><th class="num">"Total"</th><th>"Payment"</th><th>"Status"</th><th>"Decide"</th></tr></thead>
                                <tbody>{list.into_iter().map(|o| order_row(o, approve, reject, retry)).collect_view()}</tbody>
                            </table>
                            </TableBox>
                        }.into_any(),
            }} />
        </section>
    }
}

fn order_row(
    o: OrderRowView,
    approve: ServerAction<ApproveOrder>,
    reject: ServerAction<RejectOrder>,
    retry: ServerAction<RetryOrder>,
) -> impl IntoView {
    let waiting = o.status == OrderStatus::AwaitingApproval;
    let failed = o.status == OrderStatus::Failed;
    let id3 = o.id.to_string();
    let id4 = o.id.to_string();
    let id = o.id.to_string();
    let id2 = id.clone();
    let name = o.instance_name.clone();
    let (name2, name3) = (name.clone(), name.clone());
    view! {
        <tr data-order=name>
            <td>{o.created_at}</td>
            <td><a href=format!("/operator/orders/{}", o.id)>{o.instance_name}</a></td>
            <td>{o.company}<br/><span class="muted">{o.email}</span></td>
            <td>{o.plan_name}</td>
            <td class="num">{o.total}</td>
            <td>{o.payment}</td>
            <td><span class=format!("badge {}", o.status.as_str())>{o.status.label()}</span>
                {(!o.flag_reasons.is_empty()).then(|| view! { <br/><span class="notice">{format!("Flagged: {}", o.flag_reasons)}</span> })}
                {(!o.failure_reason.is_empty()).then(|| view! { <br/><span class="error">{o.failure_reason.clone()}</span> })}
                {(o.provision_attempts > 0).then(|| view! { <br/><span class="muted">{format!("{} setup attempt(s)", o.provision_attempts)}</span> })}</td>
            <td>
                {waiting.then(move || view! {
                    <ActionForm action=approve><input type="hidden" name="order_id" value=id /><button type="submit" class="primary">"Approve"</button></ActionForm>
                    <ActionForm action=reject attr:class="inline">
                        <input type="hidden" name="order_id" value=id2 />
                        <ConfirmSubmit label="Reject" question=format!("Really reject the order for {name2}?") confirm="Yes, reject">
                            <input name="reason" placeholder="Reason" aria-label="Reason" required />
                        </ConfirmSubmit>
                    </ActionForm>
                })}
                {failed.then(move || view! {
                    <ActionForm action=retry><input type="hidden" name="order_id" value=id3 /><button type="submit" class="primary">"Retry setup"</button></ActionForm>
                    <ActionForm action=reject attr:class="inline">
                        <input type="hidden" name="order_id" value=id4 />
                        <ConfirmSubmit label="Reject and refund" question=format!("Really reject and refund the order for {name3}?") confirm="Yes, reject and refund">
                            <input name="reason" placeholder="Reason" aria-label="Reason" required />
                        </ConfirmSubmit>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}
