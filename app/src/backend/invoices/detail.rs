//! One invoice as the operator inspects it (header, timeline, refunds), and an order's invoices.
use sqlx::AnyPool;

use super::document::show_date;
use crate::backend::credit_notes::list;
use crate::backend::db::show_minute;
use crate::domain::format::{money_of, Locale};
use crate::domain::{InvoiceEvent, InvoiceStatus};
use crate::error::{AppError, Result};
use crate::wire::invoices::detail::{InvoiceDetailView, InvoiceEventView, InvoiceRowView};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    number: String,
    status: InvoiceStatus,
    total_minor: i64,
    currency: String,
    issued_at: String,
    due_at: String,
    paid_at: Option<String>,
    company: String,
    email: String,
    order_id: i64,
    instance_name: String,
    public_token: String,
    latest_id: i64,
}

fn row_view(
    id: i64,
    number: String,
    status: InvoiceStatus,
    total: String,
    issued: &str,
) -> InvoiceRowView {
    InvoiceRowView {
        id,
        number,
        status,
        total,
        issued_on: show_date(issued, Locale::En),
    }
}

/// The invoice with its order, customer, timeline (oldest first), what can still be refunded
/// and its credit notes. Every invoice bills an order; one without would not be found.
pub async fn detail(pool: &AnyPool, invoice_id: i64) -> Result<InvoiceDetailView> {
    let r: Row = sqlx::query_as(
        "SELECT i.id, i.number, i.status, i.total_minor, i.currency, i.issued_at, i.due_at, i.paid_at, \
         c.company, c.email, o.id AS order_id, o.instance_name, o.public_token, \
         (SELECT MAX(x.id) FROM invoices x WHERE x.order_id = o.id) AS latest_id \
         FROM invoices i JOIN customers c ON c.id = i.customer_id JOIN orders o ON o.id = i.order_id \
         WHERE i.id = $1",
    )
    .bind(invoice_id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let events: Vec<(String, InvoiceEvent, String, String)> = sqlx::query_as(
        "SELECT created_at, event, actor, detail FROM invoice_events WHERE invoice_id = $1 ORDER BY id",
    )
    .bind(invoice_id)
    .fetch_all(pool)
    .await?;
    let (dunned,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM dunnings WHERE invoice_id = $1 AND status = 'open'")
            .bind(invoice_id)
            .fetch_one(pool)
            .await?;
    let total = money_of(r.total_minor, &r.currency, Locale::En);
    Ok(InvoiceDetailView {
        retryable: dunned > 0,
        due_on: show_date(&r.due_at, Locale::En),
        paid_on: r
            .paid_at
            .as_deref()
            .map(|at| show_date(at, Locale::En))
            .unwrap_or_default(),
        company: r.company,
        email: r.email,
        order_id: r.order_id,
        instance_name: r.instance_name,
        printable_url: format!("/orders/{}/invoice", r.public_token),
        printable_is_this: r.latest_id == r.id,
        events: events
            .into_iter()
            .map(|(at, event, actor, detail)| InvoiceEventView {
                at: show_minute(&at),
                event,
                actor,
                detail,
            })
            .collect(),
        refund: list::refundable(pool, invoice_id).await?,
        credit_notes: list::of_invoice(pool, invoice_id).await?,
        invoice: row_view(r.id, r.number, r.status, total, &r.issued_at),
    })
}

/// The order's invoices, oldest first.
pub async fn of_order(pool: &AnyPool, order_id: i64) -> Result<Vec<InvoiceRowView>> {
    let rows: Vec<(i64, String, InvoiceStatus, i64, String, String)> = sqlx::query_as(
        "SELECT id, number, status, total_minor, currency, issued_at FROM invoices \
         WHERE order_id = $1 ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, number, status, total, currency, issued)| {
            row_view(
                id,
                number,
                status,
                money_of(total, &currency, Locale::En),
                &issued,
            )
        })
        .collect())
}
