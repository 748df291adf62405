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
use crate::i18n::{locale, t, t_args, Locale};

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
        <Title text=t("order-title") />
        <Transition fallback=|| view! { <p>{t("order-loading")}</p> }>
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
        view! { <p><a href=format!("/orders/{token}/invoice") data-field="invoice">{t_args("order-invoice-link", &[("number", n)])}</a></p> }
    });
    let credit_notes = s
        .credit_notes
        .iter()
        .map(|n| {
            let href = format!("/orders/{token}/credit-notes/{n}");
            view! { <p><a href=href data-field="credit-note">{t_args("order-credit-note-link", &[("number", n.clone())])}</a></p> }
        })
        .collect_view();
    let body = match s.change.clone() {
        Some(kind) => change_body(&s, &kind).into_any(),
        None => sale_body(&s).into_any(),
    };
    let show_steps = s.change.is_none() && (s.attempt > 0 || s.status == OrderStatus::Provisioning);
    view! {
        <section class="card">
            {body}
            {show_steps.then(|| steps_view(&s.steps, s.attempt))}
            <h2>{t("order-history")}</h2>
            <ol class="timeline">
                {s.timeline.into_iter().map(|e| view! { <li><time>{e.at}</time>" " {e.label}</li> }).collect_view()}
            </ol>
            {invoice}
            {credit_notes}
        </section>
    }
}

/// A change of a running subscription (upgrade, add-on, renewal...): nothing is created, the
/// subscription is changed; its page leads back to the portal.
fn change_body(s: &OrderStatusView, kind: &str) -> impl IntoView {
    let portal = format!("{}/portal/subscription", s.instance_url);
    let kind_arg = [("kind", kind.to_string())];
    let named = [
        ("instance", s.instance_name.clone()),
        ("plan", s.plan_name.clone()),
    ];
    let (heading, text) = match s.status {
        OrderStatus::Completed => (
            t_args("order-change-done", &kind_arg),
            t_args("order-change-done-text", &named),
        ),
        OrderStatus::Failed | OrderStatus::Rejected | OrderStatus::Cancelled => (
            t_args("order-change-failed", &kind_arg),
            s.failure_reason
                .clone()
                .unwrap_or_else(|| t("order-change-stopped")),
        ),
        OrderStatus::AwaitingApproval | OrderStatus::AwaitingPayment => (
            t_args("order-change-ordered", &kind_arg),
            t_args("order-change-waiting", &named[..1]),
        ),
        _ => {
            // English writes the kind mid-sentence in lower case; German nouns keep their capital.
            let kind = match locale() {
                Locale::En => kind.to_lowercase(),
                Locale::De => kind.to_string(),
            };
            (
                t_args("order-change-applying", &[("kind", kind)]),
                t("order-change-following"),
            )
        }
    };
    view! {
        <h1>{heading}</h1>
        <p data-status=s.status.as_str()>{text}</p>
        {match (s.bank_transfer.clone(), s.payment_instructions.clone()) {
            (Some(due), _) => view! { <BankTransferBox due=due /> }.into_any(),
            (None, how) => how.map(|how| view! { <p class="notice" data-field="instructions">{how}</p> }).into_any(),
        }}
        <p><a class="button" href=portal>{t("order-back-to-subscription")}</a></p>
    }
}

/// A new sale: the instance is being, or has been, created.
fn sale_body(s: &OrderStatusView) -> impl IntoView {
    let named = [
        ("instance", s.instance_name.clone()),
        ("plan", s.plan_name.clone()),
    ];
    let email = [("email", s.email.clone())];
    let created = if s.is_trial {
        "order-created-trial"
    } else {
        "order-created"
    };
    match s.status {
        OrderStatus::Completed => view! {
            <h1>{t("order-ready")}</h1>
            <p class="success" data-status="completed">{t_args(created, &named)}</p>
            <p>{t_args("order-welcome-on-way", &email)}</p>
            <p><a class="button primary" href=format!("{}/login", s.instance_url)>{t_args("order-open", &[("url", s.instance_url.clone())])}</a></p>
        }
        .into_any(),
        OrderStatus::Failed | OrderStatus::Rejected | OrderStatus::Cancelled => view! {
            <h1>{t("order-failed")}</h1>
            <p class="error" data-status=s.status.as_str()>{s.failure_reason.clone().unwrap_or_else(|| t("order-stopped"))}</p>
            <p><a class="button" href="/">{t("order-back-to-plans")}</a></p>
        }
        .into_any(),
        OrderStatus::AwaitingApproval if s.awaiting_email => view! {
            <h1>{t("order-confirm-heading")}</h1>
            <p data-status="awaiting_email">{t_args("order-reserved", &named)}</p>
            <p>{t_args("order-confirm-sent", &email)}</p>
        }
        .into_any(),
        OrderStatus::AwaitingApproval | OrderStatus::AwaitingPayment => view! {
            <h1>{t("order-thanks")}</h1>
            <p data-status=s.status.as_str()>{t_args("order-reserved", &named)}</p>
            {match (s.bank_transfer.clone(), s.payment_instructions.clone()) {
                (Some(due), _) => view! { <BankTransferBox due=due /><p>{t("order-after-payment")}</p> }.into_any(),
                (None, Some(how)) => view! { <p class="notice" data-field="instructions">{how}</p><p>{t("order-after-payment")}</p> }.into_any(),
                (None, None) => view! { <p>{t("order-review")}</p> }.into_any(),
            }}
        }
        .into_any(),
        other => view! {
            <h1>{t("order-setting-up")}</h1>
            <p data-status=other.as_str()>{t_args("order-being-created", &[("url", s.instance_url.clone())])}</p>
        }
        .into_any(),
    }
}

fn steps_view(steps: &[ProgressStep], attempt: i64) -> impl IntoView {
    let heading = if attempt > 1 {
        t_args("order-steps-attempt", &[("attempt", attempt.to_string())])
    } else {
        t("order-steps")
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
                view! { <li class=format!("step {state}") data-state=state><span class="mark" aria-hidden="true">{mark}</span>" " {step.label.clone()}<span class="visually-hidden">{format!(" ({})", t(&format!("order-step-state-{}", state.replace('_', "-"))))}</span></li> }
            }).collect_view()}
        </ol>
    }
}
