//! Invoices: numbered without gaps per storefront, with one line per quote line.
use chrono::{DateTime, Duration, Utc};
use sqlx::AnyConnection;

pub mod read;

use super::db::ts;
use crate::domain::pricing::{LineKind, Quote};
use crate::domain::InvoiceStatus;
use crate::error::{AppError, Result};

/// How a quote line is stored.
pub fn line_kind(kind: LineKind) -> &'static str {
    match kind {
        LineKind::Setup => "setup",
        LineKind::Recurring => "recurring",
        LineKind::AddonSetup => "addon_setup",
        LineKind::AddonRecurring => "addon_recurring",
        LineKind::ResourceSetup => "resource_setup",
        LineKind::ResourceRecurring => "resource_recurring",
        LineKind::Tax => "tax",
        LineKind::Credit => "credit",
        LineKind::Prorated => "prorated",
    }
}

/// The address an invoice is billed to: company, street lines, country, one per line.
pub fn bill_to(company: &str, address: &str, country: &str) -> String {
    format!("{company}\n{address}\n{country}")
}

/// What to invoice.
pub struct NewInvoice<'a> {
    /// The storefront whose number sequence is used.
    pub storefront_id: i64,
    /// Who pays.
    pub customer_id: i64,
    /// The order it bills.
    pub order_id: i64,
    /// The priced lines.
    pub quote: &'a Quote,
    /// The tax rate applied.
    pub tax_basis_points: u32,
    /// Already paid (card captured) or open (offline payment).
    pub paid: bool,
    /// Days to pay an open invoice.
    pub due_days: i64,
    /// The address billed (company, address, country), kept as it is today.
    pub bill_to: &'a str,
}

/// Issues an invoice in the caller's transaction; the storefront row's counter makes numbers gapless
/// (a rolled-back transaction gives its number back).
pub async fn issue(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    inv: NewInvoice<'_>,
) -> Result<(i64, String)> {
    let (seq, prefix): (i64, String) = sqlx::query_as(
        "UPDATE storefronts SET next_invoice_number = next_invoice_number + 1 WHERE id = $1 \
         RETURNING next_invoice_number - 1, invoice_prefix",
    )
    .bind(inv.storefront_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    let number = format!("{prefix}{seq:06}");
    let q = inv.quote;
    let subtotal = q.subtotal.minor;
    let (invoice_id,): (i64,) = sqlx::query_as(
        "INSERT INTO invoices (storefront_id, number, customer_id, order_id, status, currency, subtotal_minor, tax_minor, total_minor, \
         tax_basis_points, issued_at, due_at, paid_at, bill_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(inv.storefront_id)
    .bind(&number)
    .bind(inv.customer_id)
    .bind(inv.order_id)
    .bind(if inv.paid { "paid" } else { "open" })
    .bind(q.currency.as_str())
    .bind(subtotal)
    .bind(q.tax.minor)
    .bind(q.total.minor)
    .bind(i64::from(inv.tax_basis_points))
    .bind(ts(now))
    .bind(ts(now + Duration::days(inv.due_days)))
    .bind(inv.paid.then(|| ts(now)))
    .bind(inv.bill_to)
    .fetch_one(&mut *conn)
    .await?;
    for line in &q.lines {
        sqlx::query(
            "INSERT INTO invoice_lines (invoice_id, kind, description, quantity, unit_minor, amount_minor) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(invoice_id)
        .bind(line_kind(line.kind))
        .bind(&line.description)
        .bind(i64::from(line.quantity))
        .bind(line.unit_price.minor)
        .bind(line.amount.minor)
        .execute(&mut *conn)
        .await?;
    }
    Ok((invoice_id, number))
}

/// Marks an open invoice paid.
pub async fn mark_paid(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    invoice_id: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE invoices SET status = 'paid', paid_at = $1 WHERE id = $2 AND status = 'open'",
    )
    .bind(ts(now))
    .bind(invoice_id)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct InvoiceRow {
    id: i64,
    seller: String,
    number: String,
    status: InvoiceStatus,
    currency: String,
    subtotal_minor: i64,
    tax_minor: i64,
    total_minor: i64,
    tax_basis_points: i64,
    issued_at: String,
    due_at: String,
    paid_at: Option<String>,
    company: String,
    bill_to: String,
    contact_name: String,
    email: String,
}

/// The printable view of the invoice of the order with this private token.
pub async fn view_for_order(
    pool: &sqlx::AnyPool,
    token: &str,
) -> Result<crate::wire::invoices::InvoiceView> {
    use crate::domain::{Currency, Money};
    use crate::wire::invoices::{InvoiceLineView, InvoiceView};
    let row: InvoiceRow = sqlx::query_as(
        "SELECT i.id, s.name AS seller, i.number, i.status, i.currency, i.subtotal_minor, i.tax_minor, i.total_minor, \
         i.tax_basis_points, i.issued_at, i.due_at, i.paid_at, c.company, c.contact_name, c.email, i.bill_to \
         FROM invoices i JOIN orders o ON o.id = i.order_id JOIN storefronts s ON s.id = i.storefront_id \
         JOIN customers c ON c.id = i.customer_id WHERE o.public_token = $1 ORDER BY i.id DESC LIMIT 1",
    )
    .bind(token)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let currency = Currency::parse(&row.currency)?;
    let money = |minor: i64| Money::new(minor, currency).to_string();
    let lines: Vec<(String, i64, i64, i64)> =
        sqlx::query_as("SELECT description, quantity, unit_minor, amount_minor FROM invoice_lines WHERE invoice_id = $1 ORDER BY id")
            .bind(row.id)
            .fetch_all(pool)
            .await?;
    Ok(InvoiceView {
        seller: row.seller,
        number: row.number,
        status: row.status,
        issued_on: super::db::show_day(&row.issued_at),
        due_on: super::db::show_day(&row.due_at),
        paid_on: row.paid_at.as_deref().map(super::db::show_day),
        company: row.company,
        bill_to: row.bill_to,
        contact_name: row.contact_name,
        email: row.email,
        lines: lines
            .into_iter()
            .map(|(description, quantity, unit, amount)| InvoiceLineView {
                description,
                quantity,
                unit: money(unit),
                amount: money(amount),
            })
            .collect(),
        subtotal: money(row.subtotal_minor),
        tax: money(row.tax_minor),
        tax_rate: format!(
            "{}.{:02} %",
            row.tax_basis_points / 100,
            row.tax_basis_points % 100
        ),
        total: money(row.total_minor),
    })
}
