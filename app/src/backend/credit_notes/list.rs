//! The credit notes and refundable invoices of an order, for the operator's order page and the
//! customer's.
use sqlx::AnyPool;

use super::ledger_of;
use crate::backend::db::show_minute;
use crate::domain::credit_notes::RefundDestination;
use crate::domain::format::{money, Locale};
use crate::domain::{Currency, InvoiceStatus, Money};
use crate::error::Result;
use crate::wire::credit_notes::{CreditNoteView, RefundableInvoiceView};

/// The order's invoices with what can still be refunded on each.
pub async fn refundable(pool: &AnyPool, order_id: i64) -> Result<Vec<RefundableInvoiceView>> {
    let ids: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, number FROM invoices WHERE order_id = $1 ORDER BY id")
            .bind(order_id)
            .fetch_all(pool)
            .await?;
    let mut out = Vec::with_capacity(ids.len());
    let mut conn = pool.acquire().await?;
    for (id, number) in ids {
        let row = super::invoice(&mut conn, id).await?;
        let currency = Currency::parse(&row.currency)?;
        let left = Money::new(ledger_of(&row).refundable(), currency);
        out.push(RefundableInvoiceView {
            id,
            number,
            status: row.status,
            total: money(&Money::new(row.total_minor, currency), Locale::En),
            refundable: money(&left, Locale::En),
            refundable_decimal: left.to_decimal_string(),
            can_refund: row.status == InvoiceStatus::Paid && left.minor > 0,
        });
    }
    Ok(out)
}

/// The credit notes shown with the order (its invoices', and a downgrade's), oldest first.
pub async fn of_order(pool: &AnyPool, order_id: i64) -> Result<Vec<CreditNoteView>> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(String, String, i64, String, RefundDestination, String, String, String, String)> =
        sqlx::query_as(
            "SELECT n.number, i.number, n.total_minor, n.currency, n.destination, n.reason, n.issued_at, n.issued_by, \
             o.public_token FROM credit_notes n JOIN invoices i ON i.id = n.invoice_id JOIN orders o ON o.id = n.order_id \
             WHERE n.order_id = $1 ORDER BY n.id",
        )
        .bind(order_id)
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
