//! Invoices as the REST API reads them.
use sqlx::AnyPool;

use crate::domain::InvoiceStatus;
use crate::error::{AppError, Result};
use crate::wire::rest::{Invoice, InvoiceLine, InvoiceSummary};

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

impl From<Row> for InvoiceSummary {
    fn from(r: Row) -> Self {
        InvoiceSummary {
            id: r.id,
            number: r.number,
            status: r.status,
            customer_id: r.customer_id,
            order_id: r.order_id,
            currency: r.currency,
            subtotal_minor: r.subtotal_minor,
            tax_minor: r.tax_minor,
            total_minor: r.total_minor,
            issued_at: r.issued_at,
            due_at: r.due_at,
            paid_at: r.paid_at,
        }
    }
}

const SELECT: &str =
    "SELECT id, number, status, customer_id, order_id, currency, subtotal_minor, tax_minor, \
                      total_minor, issued_at, due_at, paid_at FROM invoices";

/// Up to `limit` invoices with an id below `before`, newest first.
pub async fn page(pool: &AnyPool, before: i64, limit: i64) -> Result<Vec<InvoiceSummary>> {
    let rows: Vec<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE id < $1 ORDER BY id DESC LIMIT $2"))
            .bind(before)
            .bind(limit)
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(InvoiceSummary::from).collect())
}

/// One invoice with its lines.
pub async fn with_lines(pool: &AnyPool, id: i64) -> Result<Invoice> {
    let row: Row = sqlx::query_as(&format!("{SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let lines: Vec<(String, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT kind, description, quantity, unit_minor, amount_minor FROM invoice_lines \
         WHERE invoice_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(Invoice {
        summary: row.into(),
        lines: lines
            .into_iter()
            .map(
                |(kind, description, quantity, unit_minor, amount_minor)| InvoiceLine {
                    kind,
                    description,
                    quantity,
                    unit_minor,
                    amount_minor,
                },
            )
            .collect(),
    })
}
