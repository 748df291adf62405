//! The public view of an order by its token: where it stands, what happened, and the
//! provisioning steps of its latest attempt.
use crate::backend::catalog::loads_demo_data;
use crate::backend::db::show_minute;
use crate::backend::provisioning::latest_steps;
use crate::backend::provisioning::steps_for;
use crate::backend::state::AppState;
use crate::domain::order_flow::{OrderKind, OrderStatus, EVENT_NAMES};
use crate::domain::{StepStatus, TenantState};
use crate::error::{AppError, Result};
use crate::i18n::{tr, Locale};
use crate::wire::orders::status::{OrderStatusView, ProgressStep, TimelineEntry};

#[derive(sqlx::FromRow)]
struct StatusRow {
    id: i64,
    plan_id: i64,
    instance_name: String,
    status: OrderStatus,
    failure_reason: Option<String>,
    plan_name: String,
    email: String,
    tenant_state: Option<TenantState>,
    payment_instructions: Option<String>,
    invoice_number: Option<String>,
    is_trial: i64,
    kind: OrderKind,
    awaiting_email: i64,
}

/// The message key of an event code, step or kind: `order-event-payment-captured`.
fn key(area: &str, code: &str) -> String {
    format!("order-{area}-{}", code.replace('_', "-"))
}

/// The customer's words for a recorded event (`order_events.event`) in `locale`.
pub fn event_label(locale: Locale, event: &str) -> String {
    let code = if EVENT_NAMES.contains(&event) {
        event
    } else {
        "unknown"
    };
    tr(locale, &key("event", code))
}

/// The public view of an order, by its unguessable token, its texts in `locale`.
pub async fn order_status(st: &AppState, token: &str, locale: Locale) -> Result<OrderStatusView> {
    let row: StatusRow = sqlx::query_as(
        "SELECT o.id, o.plan_id, o.instance_name, o.status, o.failure_reason, p.name AS plan_name, c.email, t.state AS tenant_state, \
         (SELECT pm.detail FROM payments pm WHERE pm.order_id = o.id AND pm.status = 'pending' ORDER BY pm.id DESC LIMIT 1) AS payment_instructions, \
         (SELECT i.number FROM invoices i WHERE i.order_id = o.id ORDER BY i.id DESC LIMIT 1) AS invoice_number, o.is_trial, o.kind, \
         CASE WHEN o.confirm_code_hash IS NOT NULL AND o.status = 'awaiting_approval' THEN 1 ELSE 0 END AS awaiting_email \
         FROM orders o JOIN plans p ON p.id = o.plan_id JOIN customers c ON c.id = o.customer_id \
         LEFT JOIN tenants t ON t.id = o.tenant_id WHERE o.public_token = $1",
    )
    .bind(token)
    .fetch_optional(&st.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let events: Vec<(String, String)> = sqlx::query_as(
        "SELECT event, created_at FROM order_events WHERE order_id = $1 ORDER BY id",
    )
    .bind(row.id)
    .fetch_all(&st.pool)
    .await?;
    let timeline = events
        .into_iter()
        .map(|(event, at)| TimelineEntry {
            label: event_label(locale, &event),
            at: show_minute(&at),
        })
        .collect();
    let recorded = latest_steps(&st.pool, row.id).await?;
    let demo = loads_demo_data(&mut *st.pool.acquire().await?, row.plan_id).await?;
    let steps = steps_for(demo)
        .into_iter()
        .map(|step| ProgressStep {
            label: tr(locale, &key("step", step.code())),
            state: recorded
                .iter()
                .find(|r| r.step == step.code())
                .map_or(StepStatus::Pending, |r| r.status),
        })
        .collect();
    Ok(OrderStatusView {
        instance_url: st.config.instance_url(&row.instance_name),
        instance_name: row.instance_name,
        status: row.status,
        failure_reason: row.failure_reason,
        plan_name: row.plan_name,
        email: row.email,
        tenant_state: row.tenant_state,
        payment_instructions: row.payment_instructions.filter(|s| !s.is_empty()),
        bank_transfer: crate::backend::bank_transfer::due_for_order(&st.pool, row.id, locale)
            .await?,
        invoice_number: row.invoice_number,
        credit_notes: sqlx::query_as::<_, (String,)>(
            "SELECT number FROM credit_notes WHERE order_id = $1 ORDER BY id",
        )
        .bind(row.id)
        .fetch_all(&st.pool)
        .await?
        .into_iter()
        .map(|(n,)| n)
        .collect(),
        is_trial: row.is_trial == 1,
        awaiting_email: row.awaiting_email == 1,
        change: match row.kind {
            OrderKind::NewSale => None,
            kind => Some(tr(locale, &key("kind", kind.as_str()))),
        },
        timeline,
        steps,
        attempt: recorded.first().map(|r| r.attempt).unwrap_or(0),
    })
}
