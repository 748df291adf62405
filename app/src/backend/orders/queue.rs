//! The operator's order queue: orders filtered by workflow status, newest first, and one order
//! in full.
use crate::backend::provisioning::Step;
use crate::backend::state::AppState;
use crate::domain::order_flow::OrderStatus;
use crate::domain::payment::{gateway_label, PaymentStatus};
use crate::domain::StepStatus;
use crate::domain::{Currency, Money};
use crate::error::{AppError, Result};
use crate::wire::orders::detail::{OrderDetailView, OrderEventView, PaymentView, StepView};
use crate::wire::orders::queue::OrderRowView;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    public_token: String,
    created_at: String,
    instance_name: String,
    company: String,
    email: String,
    plan_name: String,
    status: OrderStatus,
    total_minor: i64,
    currency: String,
    flag_reasons: String,
    failure_reason: Option<String>,
    provision_attempts: i64,
    payment_status: Option<PaymentStatus>,
    gateway: Option<String>,
}

/// One `order_events` row: when, event, from, to, actor, detail.
type EventRow = (
    String,
    String,
    Option<OrderStatus>,
    OrderStatus,
    String,
    String,
);

const SELECT_ROW: &str = "SELECT o.id, o.public_token, o.created_at, o.instance_name, c.company, c.email, p.name AS plan_name, o.status, \
     o.total_minor, o.currency, o.flag_reasons, o.failure_reason, o.provision_attempts, pm.status AS payment_status, pm.gateway \
     FROM orders o JOIN customers c ON c.id = o.customer_id JOIN plans p ON p.id = o.plan_id \
     LEFT JOIN payments pm ON pm.id = (SELECT MAX(x.id) FROM payments x WHERE x.order_id = o.id)";

/// Orders in one status (or every status when `status` is empty), newest first, at most 200.
pub async fn list(st: &AppState, status: &str) -> Result<Vec<OrderRowView>> {
    let filter = if status.is_empty() {
        None
    } else {
        Some(status.parse::<OrderStatus>()?)
    };
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT_ROW} WHERE ($1 = '' OR o.status = $1) ORDER BY o.id DESC LIMIT 200"
    ))
    .bind(filter.map(|s| s.as_str()).unwrap_or(""))
    .fetch_all(&st.pool)
    .await?;
    rows.into_iter().map(to_view).collect()
}

/// One order with its events, payments, invoices and provisioning steps.
pub async fn detail(st: &AppState, order_id: i64) -> Result<OrderDetailView> {
    let row: Row = sqlx::query_as(&format!("{SELECT_ROW} WHERE o.id = $1"))
        .bind(order_id)
        .fetch_optional(&st.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let order = to_view(row)?;
    let events: Vec<EventRow> = sqlx::query_as(
        "SELECT created_at, event, from_status, to_status, actor, detail FROM order_events WHERE order_id = $1 ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(&st.pool)
    .await?;
    let payments: Vec<(String, PaymentStatus, i64, String, String, String)> = sqlx::query_as(
        "SELECT p.gateway, p.status, p.amount_minor, o.currency, p.reference, p.detail FROM payments p \
         JOIN orders o ON o.id = p.order_id WHERE p.order_id = $1 ORDER BY p.id",
    )
    .bind(order_id)
    .fetch_all(&st.pool)
    .await?;
    let steps: Vec<(i64, String, StepStatus, String)> = sqlx::query_as(
        "SELECT attempt, step, status, detail FROM provisioning_steps WHERE order_id = $1 ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(&st.pool)
    .await?;
    Ok(OrderDetailView {
        invoices: crate::backend::invoices::detail::of_order(&st.pool, order_id).await?,
        order,
        events: events
            .into_iter()
            .map(|(at, event, from, to, actor, detail)| OrderEventView {
                at: crate::backend::db::show_minute(&at),
                event,
                from,
                to,
                actor,
                detail,
            })
            .collect(),
        payments: payments
            .into_iter()
            .map(|(gateway, status, amount, currency, reference, detail)| {
                Ok(PaymentView {
                    gateway,
                    status,
                    amount: Money::new(amount, Currency::parse(&currency)?).to_string(),
                    reference,
                    detail,
                })
            })
            .collect::<Result<_>>()?,
        steps: steps
            .into_iter()
            .map(|(attempt, step, status, detail)| StepView {
                attempt,
                step: Step::from_code(&step)
                    .map(|s| s.label().to_string())
                    .unwrap_or(step),
                status,
                detail,
            })
            .collect(),
    })
}

fn to_view(r: Row) -> Result<OrderRowView> {
    Ok(OrderRowView {
        id: r.id,
        token: r.public_token,
        created_at: crate::backend::db::show_minute(&r.created_at),
        instance_name: r.instance_name,
        company: r.company,
        email: r.email,
        plan_name: r.plan_name,
        status: r.status,
        total: Money::new(r.total_minor, Currency::parse(&r.currency)?).to_string(),
        flag_reasons: r.flag_reasons,
        failure_reason: r.failure_reason.unwrap_or_default(),
        provision_attempts: r.provision_attempts,
        payment: match (r.gateway, r.payment_status) {
            (Some(g), Some(s)) => format!("{} \u{b7} {}", s.label(), gateway_label(&g)),
            _ => "No payment".into(),
        },
    })
}
