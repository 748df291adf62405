//! An order's page: its history, the provisioning steps as they run and, once ready, the link to
//! the instance. It follows progress by itself: polling when hydrated, a `Refresh` header without
//! JavaScript.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::orders::{order_status, OrderStatusView, ProgressStep};
use crate::components::bank_transfer::BankTransferBox;
use crate::components::error_box::page_error;
use crate::domain::order_flow::OrderStatus;
use crate::domain::StepStatus;

/// Shows the order's state by its private token.
#[component]
pub fn OrderStatusPage() -> impl IntoView {
    let params = use_params_map();
    let tick = RwSignal::new(0_u32);
    let status = Resource::new(
        move || (params.read().get("token").unwrap_or_default(), tick.get()),
        |(token, _)| order_status(token),
    );
    Effect::new(move |_| {
        if let Some(Ok(s)) = status.get() {
            if s.in_progress() {
                set_timeout(
                    move || tick.update(|t| *t += 1),
                    std::time::Duration::from_millis(700),
                );
            }
        }
    });
    view! {
        <Title text="Your order \u{2014} Tenantry" />
        <Transition fallback=|| view! { <p>"Loading\u{2026}"</p> }>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(s) => status_view(s, params.read_untracked().get("token").unwrap_or_default()).into_any(),
                    Err(e) => view! { <p class="error">{page_error(&e)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn status_view(s: OrderStatusView, token: String) -> impl IntoView {
    let invoice = s.invoice_number.clone().map(|n| {
        view! { <p><a href=format!("/orders/{token}/invoice") data-field="invoice">{format!("Invoice {n}")}</a></p> }
    });
    let body = match s.change.clone() {
        Some(kind) => change_body(&s, &kind).into_any(),
        None => sale_body(&s).into_any(),
    };
    let show_steps = s.change.is_none() && (s.attempt > 0 || s.status == OrderStatus::Provisioning);
    view! {
        <section class="card">
            {body}
            {show_steps.then(|| steps_view(&s.steps, s.attempt))}
            <h2>"History"</h2>
            <ol class="timeline">
                {s.timeline.into_iter().map(|e| view! { <li><time>{e.at}</time>" " {e.label}</li> }).collect_view()}
            </ol>
            {invoice}
        </section>
    }
}

/// A change of a running subscription (upgrade, add-on, renewal...): nothing is created, the
/// subscription is changed; its page leads back to the portal.
fn change_body(s: &OrderStatusView, kind: &str) -> impl IntoView {
    let portal = format!("{}/portal/subscription", s.instance_url);
    let (heading, text) = match s.status {
        OrderStatus::Completed => (
            format!("{kind} done"),
            format!(
                "{} now runs on the {} plan as ordered.",
                s.instance_name, s.plan_name
            ),
        ),
        OrderStatus::Failed | OrderStatus::Rejected | OrderStatus::Cancelled => (
            format!("{kind} not applied"),
            s.failure_reason
                .clone()
                .unwrap_or_else(|| "The order was stopped; nothing changed.".into()),
        ),
        OrderStatus::AwaitingApproval | OrderStatus::AwaitingPayment => (
            format!("{kind} ordered"),
            format!(
                "{} changes as soon as the payment arrives.",
                s.instance_name
            ),
        ),
        _ => (
            format!("Applying your {}\u{2026}", kind.to_lowercase()),
            "This page follows along.".to_string(),
        ),
    };
    view! {
        <h1>{heading}</h1>
        <p data-status=s.status.as_str()>{text}</p>
        {match (s.bank_transfer.clone(), s.payment_instructions.clone()) {
            (Some(due), _) => view! { <BankTransferBox due=due /> }.into_any(),
            (None, how) => how.map(|how| view! { <p class="notice" data-field="instructions">{how}</p> }).into_any(),
        }}
        <p><a class="button" href=portal>"Back to your subscription"</a></p>
    }
}

/// A new sale: the instance is being, or has been, created.
fn sale_body(s: &OrderStatusView) -> impl IntoView {
    match s.status {
        OrderStatus::Completed => view! {
            <h1>"Your instance is ready"</h1>
            <p class="success" data-status="completed">"We created " <strong>{s.instance_name.clone()}</strong> " on the " {s.plan_name.clone()} " plan"
                {s.is_trial.then_some(" (free trial)")} "."</p>
            <p>"A welcome email is on its way to " <strong>{s.email.clone()}</strong> "."</p>
            <p><a class="button primary" href=format!("{}/login", s.instance_url)>{format!("Open {}", s.instance_url)}</a></p>
        }
        .into_any(),
        OrderStatus::Failed | OrderStatus::Rejected | OrderStatus::Cancelled => view! {
            <h1>"We could not set up your instance"</h1>
            <p class="error" data-status=s.status.as_str()>{s.failure_reason.clone().unwrap_or_else(|| "The order was stopped.".into())}</p>
            <p><a class="button" href="/">"Back to the plans"</a></p>
        }
        .into_any(),
        OrderStatus::AwaitingApproval if s.awaiting_email => view! {
            <h1>"Confirm your email address"</h1>
            <p data-status="awaiting_email">{format!("{} on the {} plan is reserved for you.", s.instance_name, s.plan_name)}</p>
            <p>"We sent a link to " <strong>{s.email.clone()}</strong> ". Open it to start your free trial; it is valid for two days."</p>
        }
        .into_any(),
        OrderStatus::AwaitingApproval | OrderStatus::AwaitingPayment => view! {
            <h1>"Thank you for your order"</h1>
            <p data-status=s.status.as_str()>{format!("{} on the {} plan is reserved for you.", s.instance_name, s.plan_name)}</p>
            {match (s.bank_transfer.clone(), s.payment_instructions.clone()) {
                (Some(due), _) => view! { <BankTransferBox due=due /><p>"We set up your instance as soon as the payment arrives."</p> }.into_any(),
                (None, Some(how)) => view! { <p class="notice" data-field="instructions">{how}</p><p>"We set up your instance as soon as the payment arrives."</p> }.into_any(),
                (None, None) => view! { <p>"Our team reviews the order and sets up your instance shortly."</p> }.into_any(),
            }}
        }
        .into_any(),
        other => view! {
            <h1>"Setting up your instance\u{2026}"</h1>
            <p data-status=other.as_str()>{format!("{} is being created; this page follows along.", s.instance_url)}</p>
        }
        .into_any(),
    }
}

fn steps_view(steps: &[ProgressStep], attempt: i64) -> impl IntoView {
    let heading = if attempt > 1 {
        format!("Setting up (attempt {attempt})")
    } else {
        "Setting up".to_string()
    };
    view! {
        <h2>{heading}</h2>
        <ol class="steps" data-field="steps">
            {steps.iter().map(|step| {
                let mark = match step.state {
                    StepStatus::Done => "\u{2713}",
                    StepStatus::Running => "\u{2026}",
                    StepStatus::Failed => "\u{2717}",
                    StepStatus::RolledBack => "\u{21b6}",
                    StepStatus::Pending => "\u{25cb}",
                };
                let state = step.state.as_str();
                view! { <li class=format!("step {state}") data-state=state><span class="mark" aria-hidden="true">{mark}</span>" " {step.label.clone()}<span class="visually-hidden">{format!(" ({})", step.state.label())}</span></li> }
            }).collect_view()}
        </ol>
    }
}
