//! A credit note as its customer reads it: the invoice's document (same layout, page and PDF),
//! titled "Credit note" and naming the invoice it credits.
use sqlx::AnyPool;

use crate::backend::invoices::document::{assemble, show_date, LineRow, Row};
use crate::domain::credit_notes::RefundDestination;
use crate::domain::format::Locale;
use crate::domain::payment::TestCardGateway;
use crate::error::{AppError, Result};
use crate::i18n::tr_args;
use crate::wire::invoices::{CreditFor, InvoiceView, PaymentView};

/// The credit note `number` shown with the order of this private token, written for `locale`.
pub async fn for_order(
    pool: &AnyPool,
    token: &str,
    number: &str,
    locale: Locale,
) -> Result<InvoiceView> {
    // Columns an invoice has and a credit note does not (due date, bank details) are filled so
    // the shared document reads them as "settled".
    let row: Row = sqlx::query_as(
        "SELECT n.id, n.customer_id, s.name AS storefront_name, n.number, 'paid' AS status, n.currency, n.subtotal_minor, \
         n.tax_minor, n.total_minor, n.tax_basis_points, n.issued_at, n.issued_at AS due_at, n.issued_at AS paid_at, \
         c.company, n.bill_to, c.contact_name, c.email, n.customer_vat_id, n.reverse_charge, n.seller_legal_name, \
         n.seller_address, n.seller_country, n.seller_vat_id, n.seller_registration_number, '' AS account_holder, \
         '' AS iban, '' AS bic, '' AS bank_name, '' AS payment_reference \
         FROM credit_notes n JOIN orders o ON o.id = n.order_id JOIN storefronts s ON s.id = n.storefront_id \
         JOIN customers c ON c.id = n.customer_id WHERE o.public_token = $1 AND n.number = $2",
    )
    .bind(token)
    .bind(number)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let (invoice_number, reason, destination, gateway): (
        String,
        String,
        RefundDestination,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT i.number, n.reason, n.destination, p.gateway FROM credit_notes n \
         JOIN invoices i ON i.id = n.invoice_id LEFT JOIN payments p ON p.id = n.payment_id WHERE n.id = $1",
    )
    .bind(row.id)
    .fetch_one(pool)
    .await?;
    let lines: Vec<LineRow> = sqlx::query_as(
        "SELECT description, CAST(1 AS BIGINT) AS quantity, amount_minor AS unit_minor, amount_minor, period_from, period_to \
         FROM credit_note_lines WHERE credit_note_id = $1 ORDER BY id",
    )
    .bind(row.id)
    .fetch_all(pool)
    .await?;
    let day = show_date(&row.issued_at, locale);
    let how = match (destination, gateway.as_deref()) {
        (RefundDestination::CustomerCredit, _) => {
            tr_args(locale, "credit-note-to-credit", &[("day", day)])
        }
        (RefundDestination::Card, Some(TestCardGateway::NAME)) => {
            let card = crate::backend::payments::card_on_file(pool, row.customer_id).await?;
            match card {
                Some((brand, last4)) => tr_args(
                    locale,
                    "credit-note-to-card",
                    &[("brand", brand), ("last4", last4), ("day", day)],
                ),
                None => tr_args(locale, "credit-note-to-account", &[("day", day)]),
            }
        }
        (RefundDestination::Card, _) => tr_args(locale, "credit-note-to-account", &[("day", day)]),
    };
    let credit_for = CreditFor {
        invoice_number,
        reason,
    };
    assemble(
        row,
        lines,
        PaymentView::Refunded { how },
        Some(credit_for),
        locale,
    )
}
