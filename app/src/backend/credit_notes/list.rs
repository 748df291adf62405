//! What can still be refunded on an invoice, and the credit notes issued against it, for the
//! operator's invoice page.
use sqlx::AnyPool;

use super::ledger_of;
use crate::backend::db::show_minute;
use crate::domain::credit_notes::RefundDestination;
use crate::domain::format::{money, Locale};
use crate::domain::{Currency, InvoiceStatus, Money};
use crate::error::Result;
use crate::wire::credit_notes::{CreditNoteView, RefundableView};

/// What can still be refunded on the invoice.
pub async fn refundable(pool: &AnyPool, invoice_id: i64) -> Result<RefundableView> {
    let mut conn = pool.acquire().await?;
    let row = super::invoice(&mut conn, invoice_id).await?;
    let currency = Currency::parse(&row.currency)?;
    let left = Money::new(ledger_of(&row).refundable(), currency);
    Ok(RefundableView {
        refundable: money(&left, Locale::En),
        refundable_decimal: left.to_decimal_string(),
        can_refund: row.status == InvoiceStatus::Paid && left.minor > 0,
    })
}

/// The credit notes issued against the invoice, oldest first.
pub async fn of_invoice(pool: &AnyPool, invoice_id: i64) -> Result<Vec<CreditNoteView>> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(String, String, i64, String, RefundDestination, String, String, String, String)> =
        sqlx::query_as(
            "SELECT n.number, i.number, n.total_minor, n.currency, n.destination, n.reason, n.issued_at, n.issued_by, \
             o.public_token FROM credit_notes n JOIN invoices i ON i.id = n.invoice_id JOIN orders o ON o.id = n.order_id \
             WHERE n.invoice_id = $1 ORDER BY n.id",
        )
        .bind(invoice_id)
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(number, invoice_number, total, currency, destination, reason, at, by, token)| {
                CreditNoteView {
                    url: format!("/orders/{token}/credit-notes/{number}"),
                    number,
                    invoice_number,
                    total: crate::domain::format::money_of(total, &currency, Locale::En),
                    destination,
                    reason,
                    issued_at: show_minute(&at),
                    issued_by: by,
                }
            },
        )
        .collect())
}
