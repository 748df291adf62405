//! An order's page: where it stands and, once ready, the link to the instance.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::orders::{order_status, OrderStatusView};
use crate::components::error_box::page_error;

/// Shows the order's state by its private token.
#[component]
pub fn OrderStatusPage() -> impl IntoView {
    let params = use_params_map();
    let status = Resource::new(
        move || params.read().get("token").unwrap_or_default(),
        order_status,
    );
    view! {
        <Title text="Your order \u{2014} Tenantry" />
        <Suspense fallback=|| view! { <p>"Loading\u{2026}"</p> }>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(s) => status_view(s, params.read_untracked().get("token").unwrap_or_default()).into_any(),
                    Err(e) => view! { <p class="error">{page_error(&e)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn status_view(s: OrderStatusView, token: String) -> impl IntoView {
    let invoice = s.invoice_number.clone().map(|n| {
        view! { <p><a href=format!("/orders/{token}/invoice") data-field="invoice">{format!("Invoice {n}")}</a></p> }
    });
    let body = match s.status.as_str() {
        "completed" => view! {
            <h1>"Your instance is ready"</h1>
            <p class="success" data-status="completed">"We created " <strong>{s.instance_name.clone()}</strong> " on the " {s.plan_name.clone()} " plan."</p>
            <p>"A welcome email is on its way to " <strong>{s.email.clone()}</strong> "."</p>
            <p><a class="button primary" href=format!("{}/login", s.instance_url)>{format!("Open {}", s.instance_url)}</a></p>
        }
        .into_any(),
        "failed" | "rejected" | "cancelled" => view! {
            <h1>"We could not set up your instance"</h1>
            <p class="error" data-status=s.status.clone()>{s.failure_reason.clone().unwrap_or_else(|| "The order was stopped.".into())}</p>
            <p><a class="button" href="/">"Back to the plans"</a></p>
        }
        .into_any(),
        "awaiting_approval" | "awaiting_payment" => view! {
            <h1>"Thank you for your order"</h1>
            <p data-status=s.status.clone()>{format!("{} on the {} plan is reserved for you.", s.instance_name, s.plan_name)}</p>
            {match s.payment_instructions.clone() {
                Some(how) => view! { <p class="notice" data-field="instructions">{how}</p><p>"We set up your instance as soon as the payment arrives."</p> }.into_any(),
                None => view! { <p>"Our team reviews the order and sets up your instance shortly."</p> }.into_any(),
            }}
        }
        .into_any(),
        other => view! {
            <h1>"Setting up your instance\u{2026}"</h1>
            <p data-status=other.to_string()>{format!("Order status: {other}. Reload this page to follow it.")}</p>
        }
        .into_any(),
    };
    view! { <section class="card">{body}{invoice}</section> }
}
