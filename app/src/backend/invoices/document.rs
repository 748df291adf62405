//! The invoice document: read from the invoice's own snapshot, formatted for people, and shared
//! by the page and the PDF.
use sqlx::AnyPool;

use crate::backend::db::parse_ts;
use crate::domain::format::{date, money, Locale};
use crate::domain::payment::TestCardGateway;
use crate::domain::{Currency, InvoiceStatus, Money};
use crate::error::{AppError, Result};
use crate::i18n::{tr, tr_args};
use crate::wire::invoices::{
    CreditFor, InvoiceLineView, InvoiceView, PaymentView, SellerBlock, TaxLineView,
};

#[derive(sqlx::FromRow)]
/// A printed document's stored snapshot: an invoice's, or a credit note's in the same shape.
pub(crate) struct Row {
    pub(crate) id: i64,
    pub(crate) customer_id: i64,
    pub(crate) storefront_name: String,
    pub(crate) number: String,
    pub(crate) status: InvoiceStatus,
    pub(crate) currency: String,
    pub(crate) subtotal_minor: i64,
    pub(crate) tax_minor: i64,
    pub(crate) total_minor: i64,
    pub(crate) tax_basis_points: i64,
    pub(crate) issued_at: String,
    pub(crate) due_at: String,
    pub(crate) paid_at: Option<String>,
    pub(crate) company: String,
    pub(crate) bill_to: String,
    pub(crate) contact_name: String,
    pub(crate) email: String,
    pub(crate) customer_vat_id: String,
    pub(crate) reverse_charge: i64,
    pub(crate) seller_legal_name: String,
    pub(crate) seller_address: String,
    pub(crate) seller_country: String,
    pub(crate) seller_vat_id: String,
    pub(crate) seller_registration_number: String,
    pub(crate) account_holder: String,
    pub(crate) iban: String,
    pub(crate) bic: String,
    pub(crate) bank_name: String,
    pub(crate) payment_reference: String,
}

/// The bank-transfer reference from a storefront's format: `{invoice}` is the invoice number,
/// `{order}` the order's number.
pub fn payment_reference(format: &str, invoice: &str, order_id: i64) -> String {
    let format = if format.trim().is_empty() {
        "{invoice}"
    } else {
        format
    };
    format
        .replace("{invoice}", invoice)
        .replace("{order}", &order_id.to_string())
}

/// A stored time as people read a date in `locale`, e.g. "29 Nov 2026", "29. Nov. 2026".
pub fn show_date(stored: &str, locale: Locale) -> String {
    parse_ts(stored)
        .map(|t| date(t.date_naive(), locale))
        .unwrap_or_else(|| stored.chars().take(10).collect())
}

/// A rate in basis points as a percentage, e.g. "20 %", "5.5 %" ("5,5 %" in German).
fn percent(bp: i64, locale: Locale) -> String {
    let (whole, frac) = (bp / 100, bp % 100);
    let point = match locale {
        Locale::En => '.',
        Locale::De => ',',
    };
    match frac {
        0 => format!("{whole} %"),
        f if f % 10 == 0 => format!("{whole}{point}{} %", f / 10),
        f => format!("{whole}{point}{f:02} %"),
    }
}

/// The invoice of the order with this private token (its newest, when there are several),
/// written for `locale`.
pub async fn for_order(pool: &AnyPool, token: &str, locale: Locale) -> Result<InvoiceView> {
    let (id,): (i64,) = sqlx::query_as(
        "SELECT i.id FROM invoices i JOIN orders o ON o.id = i.order_id WHERE o.public_token = $1 \
         ORDER BY i.id DESC LIMIT 1",
    )
    .bind(token)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    by_id(pool, id, locale).await
}

/// The invoice with this id, as printed in `locale`.
pub async fn by_id(pool: &AnyPool, id: i64, locale: Locale) -> Result<InvoiceView> {
    let row: Row = sqlx::query_as(
        "SELECT i.id, i.customer_id, s.name AS storefront_name, i.number, i.status, i.currency, i.subtotal_minor, \
         i.tax_minor, i.total_minor, i.tax_basis_points, i.issued_at, i.due_at, i.paid_at, c.company, i.bill_to, \
         c.contact_name, c.email, i.customer_vat_id, i.reverse_charge, i.seller_legal_name, i.seller_address, \
         i.seller_country, i.seller_vat_id, i.seller_registration_number, i.account_holder, i.iban, i.bic, i.bank_name, \
         i.payment_reference \
         FROM invoices i JOIN storefronts s ON s.id = i.storefront_id JOIN customers c ON c.id = i.customer_id \
         WHERE i.id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let lines: Vec<LineRow> = sqlx::query_as(
        "SELECT description, quantity, unit_minor, amount_minor, period_from, period_to FROM invoice_lines \
         WHERE invoice_id = $1 AND kind <> 'tax' ORDER BY id",
    )
    .bind(row.id)
    .fetch_all(pool)
    .await?;
    let currency = Currency::parse(&row.currency)?;
    let payment = payment(pool, &row, currency, locale).await?;
    assemble(row, lines, payment, None, locale)
}

/// A stored line: description, quantity, unit and amount (minor units), service period.
pub(crate) type LineRow = (String, i64, i64, i64, String, String);

/// The document people read, from its stored snapshot and lines (shared by invoices and credit
/// notes, so both print the same way).
pub(crate) fn assemble(
    row: Row,
    lines: Vec<LineRow>,
    payment: PaymentView,
    credit_for: Option<CreditFor>,
    locale: Locale,
) -> Result<InvoiceView> {
    let currency = Currency::parse(&row.currency)?;
    let money = |minor: i64| money(&Money::new(minor, currency), locale);
    let show_date = |stored: &str| show_date(stored, locale);
    let reverse_charge = row.reverse_charge == 1;
    let tax_label = if reverse_charge {
        tr(locale, "invoice-vat-reverse-charge")
    } else {
        let rate = percent(row.tax_basis_points, locale);
        tr_args(locale, "invoice-vat", &[("rate", rate)])
    };
    Ok(InvoiceView {
        seller: SellerBlock {
            legal_name: if row.seller_legal_name.is_empty() {
                row.storefront_name.clone()
            } else {
                row.seller_legal_name
            },
            name: row.storefront_name,
            address: row.seller_address,
            country: row.seller_country,
            vat_id: row.seller_vat_id,
            registration_number: row.seller_registration_number,
        },
        number: row.number,
        status: row.status,
        issued_on: show_date(&row.issued_at),
        due_on: show_date(&row.due_at),
        paid_on: row.paid_at.as_deref().map(&show_date),
        company: row.company,
        bill_to: row.bill_to,
        contact_name: row.contact_name,
        email: row.email,
        customer_vat_id: row.customer_vat_id,
        lines: lines
            .into_iter()
            .map(
                |(description, quantity, unit, amount, from, to)| InvoiceLineView {
                    description,
                    period: match (from.is_empty(), from == to) {
                        (true, _) => String::new(),
                        (false, true) => show_date(&from),
                        (false, false) => {
                            format!("{} \u{2013} {}", show_date(&from), show_date(&to))
                        }
                    },
                    quantity,
                    unit: money(unit),
                    amount: money(amount),
                },
            )
            .collect(),
        subtotal: money(row.subtotal_minor),
        taxes: vec![TaxLineView {
            label: tax_label,
            amount: money(row.tax_minor),
        }],
        total: money(row.total_minor),
        reverse_charge_note: reverse_charge.then(|| tr(locale, "invoice-reverse-charge-note")),
        payment,
        credit_for,
    })
}

/// How the invoice was paid (the card's brand and last digits, a transfer, or credit), or the
/// bank details to pay it.
async fn payment(
    pool: &AnyPool,
    row: &Row,
    currency: Currency,
    locale: Locale,
) -> Result<PaymentView> {
    match row.status {
        InvoiceStatus::Void => Ok(PaymentView::Void),
        InvoiceStatus::Open => Ok(PaymentView::Open {
            amount: money(&Money::new(row.total_minor, currency), locale),
            due_on: show_date(&row.due_at, locale),
            account_holder: row.account_holder.clone(),
            iban: row.iban.clone(),
            bic: row.bic.clone(),
            bank_name: row.bank_name.clone(),
            reference: row.payment_reference.clone(),
        }),
        InvoiceStatus::Paid => {
            let day = row
                .paid_at
                .as_deref()
                .map(|t| show_date(t, locale))
                .unwrap_or_default();
            let gateway: Option<(String,)> = sqlx::query_as(
                "SELECT gateway FROM payments WHERE invoice_id = $1 AND status = 'captured' ORDER BY id DESC LIMIT 1",
            )
            .bind(row.id)
            .fetch_optional(pool)
            .await?;
            let how = match gateway {
                Some((g,)) if g == TestCardGateway::NAME => {
                    // The card saved with the order (or the customer's newest one).
                    let card =
                        crate::backend::payments::card_on_file(pool, row.customer_id).await?;
                    match card {
                        Some((brand, last4)) => tr_args(
                            locale,
                            "invoice-paid-card",
                            &[("brand", brand), ("last4", last4), ("day", day)],
                        ),
                        None => tr_args(locale, "invoice-paid-by-card", &[("day", day)]),
                    }
                }
                Some(_) => tr_args(locale, "invoice-paid-transfer", &[("day", day)]),
                // No payment taken: a renewal settled by the account's credit.
                None => tr_args(locale, "invoice-paid-credit", &[("day", day)]),
            };
            Ok(PaymentView::Paid { how })
        }
    }
}
