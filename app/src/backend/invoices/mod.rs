//! Invoices: numbered without gaps per storefront, with one line per quote line.
use chrono::{DateTime, Duration, Utc};
use sqlx::AnyConnection;

pub mod detail;
pub mod document;
pub mod pdf;
pub mod read;

use super::db::ts;
use crate::domain::pricing::{LineKind, Quote};
use crate::domain::vat_id::TaxTreatment;
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
        LineKind::Discount => "discount",
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
    /// The tax applied (rate, and whether reverse charge moved it to the customer).
    pub tax: TaxTreatment,
    /// The service period the recurring lines bill (setup fees are dated the day of issue).
    pub period: (DateTime<Utc>, DateTime<Utc>),
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
    // The seller block, bank details and the customer's VAT ID are copied as they are now: a
    // later edit of the storefront's billing details never changes an issued invoice.
    let (invoice_id, format): (i64, String) = sqlx::query_as(
        "INSERT INTO invoices (storefront_id, number, customer_id, order_id, status, currency, subtotal_minor, tax_minor, total_minor, \
         tax_basis_points, issued_at, due_at, paid_at, bill_to, reverse_charge, customer_vat_id, seller_legal_name, seller_address, \
         seller_country, seller_vat_id, seller_registration_number, account_holder, iban, bic, bank_name, payment_reference) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, c.vat_id, \
         COALESCE(b.legal_name, ''), COALESCE(b.address, ''), COALESCE(b.country, ''), COALESCE(b.vat_id, ''), \
         COALESCE(b.registration_number, ''), COALESCE(b.account_holder, ''), COALESCE(b.iban, ''), COALESCE(b.bic, ''), \
         COALESCE(b.bank_name, ''), COALESCE(b.reference_format, '{invoice}') \
         FROM customers c LEFT JOIN storefront_billing b ON b.storefront_id = $1 WHERE c.id = $3 RETURNING id, payment_reference",
    )
    .bind(inv.storefront_id)
    .bind(&number)
    .bind(inv.customer_id)
    .bind(inv.order_id)
    .bind(if inv.paid { "paid" } else { "open" })
    .bind(q.currency.as_str())
    .bind(q.subtotal.minor)
    .bind(q.tax.minor)
    .bind(q.total.minor)
    .bind(i64::from(inv.tax.basis_points))
    .bind(ts(now))
    .bind(ts(now + Duration::days(inv.due_days)))
    .bind(inv.paid.then(|| ts(now)))
    .bind(inv.bill_to)
    .bind(i64::from(inv.tax.reverse_charge))
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    // The order's id, never its public token (the key to its pages), goes into a bank reference.
    sqlx::query("UPDATE invoices SET payment_reference = $1 WHERE id = $2")
        .bind(document::payment_reference(&format, &number, inv.order_id))
        .bind(invoice_id)
        .execute(&mut *conn)
        .await?;
    let (from, to) = (ts(inv.period.0), ts(inv.period.1));
    let issued = ts(now);
    for line in &q.lines {
        let (start, end) = if line.kind.is_setup() {
            (&issued, &issued)
        } else {
            (&from, &to)
        };
        sqlx::query(
            "INSERT INTO invoice_lines (invoice_id, kind, description, quantity, unit_minor, amount_minor, period_from, period_to) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(invoice_id)
        .bind(line_kind(line.kind))
        .bind(&line.description)
        .bind(i64::from(line.quantity))
        .bind(line.unit_price.minor)
        .bind(line.amount.minor)
        .bind(start)
        .bind(end)
        .execute(&mut *conn)
        .await?;
    }
    Ok((invoice_id, number))
}

/// Marks an open invoice paid. Every payment of an open invoice comes here, which ends its
/// dunning, if it has one, and restores a tenant held for it.
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
    .execute(&mut *conn)
    .await?;
    super::dunning::settle(conn, now, invoice_id).await
}
