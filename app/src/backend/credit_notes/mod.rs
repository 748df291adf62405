//! Credit notes: every refund, and a downgrade's credit, is a document numbered without gaps in
//! its own sequence per storefront, referencing the invoice it credits.
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

pub mod document;
pub mod list;
pub mod refund;

use super::db::ts;
use crate::domain::credit_notes::{split_credit, InvoiceLedger, RefundDestination};
use crate::domain::format::{money, Locale};
use crate::domain::payment::{PaymentGateway, PaymentStatus};
use crate::domain::{Actor, Currency, InvoiceStatus, Money};
use crate::error::{AppError, Result};

/// A credit note about to be issued (its amount already checked against the invoice).
pub struct NewCreditNote<'a> {
    /// The invoice credited.
    pub invoice_id: i64,
    /// What is given back, in the invoice's currency.
    pub amount: Money,
    /// Where the money goes.
    pub destination: RefundDestination,
    /// Why, printed on the credit note.
    pub reason: &'a str,
    /// Who issued it.
    pub actor: &'a Actor,
    /// The gateway that gives money back to the card (unused for customer credit).
    pub gateway: &'a dyn PaymentGateway,
    /// The order that grants the credit when it is not the invoice's (a downgrade): its page
    /// shows the credit note, and a customer credit is recorded against it.
    pub order_id: Option<i64>,
}

/// An issued credit note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    /// Its id.
    pub id: i64,
    /// Its number, e.g. `CN-000001`.
    pub number: String,
}

#[derive(sqlx::FromRow)]
struct InvoiceRow {
    storefront_id: i64,
    customer_id: i64,
    status: InvoiceStatus,
    currency: String,
    subtotal_minor: i64,
    tax_minor: i64,
    total_minor: i64,
    credited_minor: i64,
}

/// The invoice's ledger as it stands: paid in full once its status is paid (by card, transfer
/// or the account's credit), less what credit notes gave back.
pub async fn ledger(
    conn: &mut AnyConnection,
    invoice_id: i64,
) -> Result<(InvoiceLedger, Currency)> {
    let row = invoice(conn, invoice_id).await?;
    Ok((ledger_of(&row), Currency::parse(&row.currency)?))
}

fn ledger_of(row: &InvoiceRow) -> InvoiceLedger {
    let paid = if row.status == InvoiceStatus::Paid {
        row.total_minor
    } else {
        0
    };
    InvoiceLedger {
        total: row.total_minor,
        paid,
        credited: row.credited_minor,
    }
}

async fn invoice(conn: &mut AnyConnection, invoice_id: i64) -> Result<InvoiceRow> {
    sqlx::query_as(
        "SELECT storefront_id, customer_id, status, currency, subtotal_minor, tax_minor, total_minor, credited_minor \
         FROM invoices WHERE id = $1",
    )
    .bind(invoice_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)
}

/// The message when a refund asks for more than is left (checked again by the database).
fn too_much(left: i64, currency: Currency) -> AppError {
    let left = money(&Money::new(left, currency), Locale::En);
    AppError::Invalid(format!(
        "At most {left} can still be refunded on this invoice."
    ))
}

/// Issues a credit note in the caller's transaction: claims the amount on the invoice (and on the
/// card payment) by conditional updates, so two refunds at once never give back more than was
/// paid; gives the money back; takes the storefront's next credit note number (gapless: a
/// rolled-back transaction gives it back); and copies the invoice's snapshot and lines.
pub async fn issue(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    note: NewCreditNote<'_>,
) -> Result<Issued> {
    let inv = invoice(conn, note.invoice_id).await?;
    let currency = Currency::parse(&inv.currency)?;
    let amount = note.amount.minor;
    if note.amount.currency != currency || amount <= 0 {
        return Err(AppError::Invalid(format!(
            "Refund a positive amount in {currency}."
        )));
    }
    // Only a paid invoice has money to give back (a void one was settled when it was voided).
    // The condition is checked again under the row's lock, which is what makes it race-free.
    let claimed = sqlx::query(
        "UPDATE invoices SET credited_minor = credited_minor + $1 \
         WHERE id = $2 AND status = $3 AND credited_minor + $1 <= total_minor",
    )
    .bind(amount)
    .bind(note.invoice_id)
    .bind(InvoiceStatus::Paid)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if claimed == 0 {
        let fresh = invoice(conn, note.invoice_id).await?;
        return Err(too_much(ledger_of(&fresh).refundable(), currency));
    }
    let (payment_id, refund_reference) = match note.destination {
        RefundDestination::Card => {
            let (id, reference) = refund_payment(conn, now, &note, currency).await?;
            (Some(id), reference)
        }
        RefundDestination::CustomerCredit => (None, String::new()),
    };
    let (seq, prefix): (i64, String) = sqlx::query_as(
        "UPDATE storefronts SET next_credit_note_number = next_credit_note_number + 1 WHERE id = $1 \
         RETURNING next_credit_note_number - 1, credit_note_prefix",
    )
    .bind(inv.storefront_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    let number = format!("{prefix}{seq:06}");
    let split = split_credit(&[], inv.subtotal_minor, inv.tax_minor, amount)?;
    // The seller block and the customer's details are copied from the invoice, as issued.
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO credit_notes (storefront_id, number, invoice_id, customer_id, currency, subtotal_minor, tax_minor, \
         total_minor, destination, reason, payment_id, refund_reference, issued_by, issued_at, bill_to, customer_vat_id, \
         reverse_charge, tax_basis_points, seller_legal_name, seller_address, seller_country, seller_vat_id, \
         seller_registration_number, order_id) \
         SELECT $1, $2, id, customer_id, currency, $3, $4, $5, $6, $7, $8, $9, $10, $11, bill_to, customer_vat_id, \
         reverse_charge, tax_basis_points, seller_legal_name, seller_address, seller_country, seller_vat_id, \
         seller_registration_number, COALESCE(CAST($13 AS BIGINT), order_id) FROM invoices WHERE id = $12 RETURNING id",
    )
    .bind(inv.storefront_id)
    .bind(&number)
    .bind(split.subtotal)
    .bind(split.tax)
    .bind(split.total)
    .bind(note.destination)
    .bind(note.reason.trim())
    .bind(payment_id)
    .bind(&refund_reference)
    .bind(note.actor.to_string())
    .bind(ts(now))
    .bind(note.invoice_id)
    .bind(note.order_id)
    .fetch_one(&mut *conn)
    .await?;
    lines(conn, id, note.invoice_id, &inv, amount).await?;
    if note.destination == RefundDestination::CustomerCredit {
        // The account's credit is drawn before tax (a renewal takes it off the subtotal, then adds
        // the tax): the note's net part gives back exactly its total.
        // An order names one credit row (a grant happens once); a downgrade's credit given back
        // over several invoices names it on the first, and every note names it.
        sqlx::query(
            "INSERT INTO customer_credits (customer_id, order_id, credit_note_id, amount_minor, currency, note, created_at) \
             VALUES ($1, CASE WHEN EXISTS (SELECT 1 FROM customer_credits WHERE order_id = CAST($2 AS BIGINT)) \
             THEN NULL ELSE CAST($2 AS BIGINT) END, $3, $4, $5, $6, $7)",
        )
        .bind(inv.customer_id)
        .bind(note.order_id)
        .bind(id)
        .bind(split.subtotal)
        .bind(currency.as_str())
        .bind(format!("credit note {number}"))
        .bind(ts(now))
        .execute(&mut *conn)
        .await?;
    }
    Ok(Issued { id, number })
}

/// The credit note's lines: the invoice's lines (tax apart) in proportion to the credit.
async fn lines(
    conn: &mut AnyConnection,
    credit_note_id: i64,
    invoice_id: i64,
    inv: &InvoiceRow,
    amount: i64,
) -> Result<()> {
    let rows: Vec<(String, i64, String, String)> = sqlx::query_as(
        "SELECT description, amount_minor, period_from, period_to FROM invoice_lines \
         WHERE invoice_id = $1 AND kind <> 'tax' ORDER BY id",
    )
    .bind(invoice_id)
    .fetch_all(&mut *conn)
    .await?;
    let amounts: Vec<i64> = rows.iter().map(|r| r.1).collect();
    let split = split_credit(&amounts, inv.subtotal_minor, inv.tax_minor, amount)?;
    let insert = |description: &str, amount: i64, from: &str, to: &str| {
        sqlx::query(
            "INSERT INTO credit_note_lines (credit_note_id, description, amount_minor, period_from, period_to) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(credit_note_id)
        .bind(description.to_string())
        .bind(amount)
        .bind(from.to_string())
        .bind(to.to_string())
    };
    if rows.is_empty() || amounts.iter().sum::<i64>() != inv.subtotal_minor {
        // Lines that do not add up to the subtotal (written before lines were kept): one line.
        insert("Credit", split.subtotal, "", "")
            .execute(&mut *conn)
            .await?;
        return Ok(());
    }
    for ((description, _, from, to), credited) in rows.iter().zip(&split.lines) {
        if *credited != 0 {
            insert(description, *credited, from, to)
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(())
}

/// Gives money back to the card (or account) that paid the invoice: claims it on the captured
/// payment (fully refunded, the payment is marked refunded), then asks the gateway. A gateway
/// failure fails the whole refund, so nothing is recorded that did not happen.
async fn refund_payment(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    note: &NewCreditNote<'_>,
    currency: Currency,
) -> Result<(i64, String)> {
    let payment: Option<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT id, reference, amount_minor, refunded_minor FROM payments \
         WHERE invoice_id = $1 AND status = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(note.invoice_id)
    .bind(PaymentStatus::Captured)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((payment_id, reference, paid, _)) = payment else {
        return Err(AppError::Invalid(
            "This invoice was not paid by card or transfer; refund it to the customer's credit."
                .into(),
        ));
    };
    let amount = note.amount.minor;
    let claimed = sqlx::query(
        "UPDATE payments SET refunded_minor = refunded_minor + $1, \
         status = CASE WHEN refunded_minor + $1 = amount_minor THEN $2 ELSE status END, updated_at = $3 \
         WHERE id = $4 AND status = $5 AND refunded_minor + $1 <= amount_minor",
    )
    .bind(amount)
    .bind(PaymentStatus::Refunded)
    .bind(ts(now))
    .bind(payment_id)
    .bind(PaymentStatus::Captured)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if claimed == 0 {
        let (refunded,): (i64,) =
            sqlx::query_as("SELECT refunded_minor FROM payments WHERE id = $1")
                .bind(payment_id)
                .fetch_one(&mut *conn)
                .await?;
        return Err(too_much(paid - refunded, currency));
    }
    let refund_ref =
        super::payments::refund(note.gateway, &reference, note.amount).ok_or_else(|| {
            AppError::Conflict(
            "The payment could not be given back; try again or refund to the customer's credit."
                .into(),
        )
        })?;
    Ok((payment_id, refund_ref))
}
