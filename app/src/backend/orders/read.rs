//! Orders as the REST API reads them.
use crate::backend::state::AppState;
use crate::domain::order_flow::{OrderKind, OrderStatus};
use crate::error::{AppError, Result};
use crate::wire::rest::Order;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    public_token: String,
    kind: OrderKind,
    status: OrderStatus,
    instance_name: String,
    total_minor: i64,
    currency: String,
    created_at: String,
    plan: String,
    invoice_number: Option<String>,
}

const SELECT: &str = "SELECT o.id, o.public_token, o.kind, o.status, o.instance_name, o.total_minor, o.currency, \
     o.created_at, p.code AS plan, \
     (SELECT i.number FROM invoices i WHERE i.order_id = o.id ORDER BY i.id DESC LIMIT 1) AS invoice_number \
     FROM orders o JOIN plans p ON p.id = o.plan_id";

fn order(st: &AppState, r: Row) -> Order {
    Order {
        id: r.id,
        token: r.public_token,
        kind: r.kind,
        status: r.status,
        instance_url: st.config.instance_url(&r.instance_name),
        instance_name: r.instance_name,
        plan: r.plan,
        total_minor: r.total_minor,
        currency: r.currency,
        invoice_number: r.invoice_number,
        created_at: r.created_at,
    }
}

/// One order.
pub async fn by_id(st: &AppState, id: i64) -> Result<Order> {
    let row: Row = sqlx::query_as(&format!("{SELECT} WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(&st.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(order(st, row))
}

/// The order a public token names.
pub async fn id_of_token(st: &AppState, token: &str) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM orders WHERE public_token = $1")
        .bind(token)
        .fetch_optional(&st.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(id)
}

/// The order's status now.
pub async fn status_of(st: &AppState, id: i64) -> Result<OrderStatus> {
    let (status,): (OrderStatus,) = sqlx::query_as("SELECT status FROM orders WHERE id = $1")
        .bind(id)
        .fetch_optional(&st.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(status)
}

/// Up to `limit` orders with an id below `before`, newest first, of one status or of all.
pub async fn page(
    st: &AppState,
    before: i64,
    limit: i64,
    status: Option<OrderStatus>,
) -> Result<Vec<Order>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE o.id < $1 AND ($2 = '' OR o.status = $2) ORDER BY o.id DESC LIMIT $3"
    ))
    .bind(before)
    .bind(status.map_or("", OrderStatus::as_str))
    .bind(limit)
    .fetch_all(&st.pool)
    .await?;
    Ok(rows.into_iter().map(|r| order(st, r)).collect())
}
