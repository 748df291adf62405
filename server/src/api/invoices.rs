//! `GET /invoices` and `GET /invoices/{id}` (with lines).
use std::collections::HashMap;

use app::backend::state::AppState;
use app::domain::InvoiceStatus;
use app::error::AppError;
use axum::extract::{Path, Query, State};
use axum::Json;
use serde_json::{json, Value};

use super::page::Page;
use super::{ApiAuth, ApiResult};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    number: String,
    status: InvoiceStatus,
    customer_id: i64,
    order_id: Option<i64>,
    currency: String,
    subtotal_minor: i64,
    tax_minor: i64,
    total_minor: i64,
    issued_at: String,
    due_at: String,
    paid_at: Option<String>,
}

fn to_json(r: Row) -> Value {
    json!({
        "id": r.id, "number": r.number, "status": r.status, "customer_id": r.customer_id, "order_id": r.order_id,
        "currency": r.currency, "subtotal_minor": r.subtotal_minor, "tax_minor": r.tax_minor, "total_minor": r.total_minor,
        "issued_at": r.issued_at, "due_at": r.due_at, "paid_at": r.paid_at,
    })
}

const SELECT: &str = "SELECT id, number, status, customer_id, order_id, currency, subtotal_minor, tax_minor, total_minor, \
                      issued_at, due_at, paid_at FROM invoices";

pub async fn list(
    State(st): State<AppState>,
    _auth: ApiAuth,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let page = Page::from_query(&query)?;
    let rows: Vec<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE id < $1 ORDER BY id DESC LIMIT $2"))
            .bind(page.before)
            .bind(page.fetch())
            .fetch_all(&st.pool)
            .await?;
    let rows = rows.into_iter().map(|r| (r.id, to_json(r))).collect();
    Ok(Json(page.answer("/invoices", rows)))
}

pub async fn read(
    State(st): State<AppState>,
    _auth: ApiAuth,
    Path(id): Path<i64>,
) -> ApiResult<Json<Value>> {
    let row: Row = sqlx::query_as(&format!("{SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(&st.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let lines: Vec<(String, String, i64, i64, i64)> =
        sqlx::query_as("SELECT kind, description, quantity, unit_minor, amount_minor FROM invoice_lines WHERE invoice_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&st.pool)
            .await?;
    let mut v = to_json(row);
    v["lines"] = lines
        .into_iter()
        .map(|(kind, description, quantity, unit, amount)| {
            json!({ "kind": kind, "description": description, "quantity": quantity, "unit_minor": unit, "amount_minor": amount })
        })
        .collect();
    Ok(Json(v))
}
