//! What the billing page shows, read for one tenant.
use super::customer_of;
use crate::backend::db::{parse_ts, show_day, show_minute};
use crate::backend::state::AppState;
use crate::components::pager::{pages_for, PAGE_SIZE};
use crate::domain::format;
use crate::domain::payment::PaymentStatus;
use crate::domain::InvoiceStatus;
use crate::error::Result;
use crate::i18n::Locale;
use crate::wire::billing::{
    BillingDetails, BillingInvoice, BillingView, CardView, CreditLine, PaymentLine,
};

type InvoiceRow = (
    i64,
    String,
    String,
    String,
    i64,
    String,
    InvoiceStatus,
    String,
    i64,
);

/// Page `page` of the billing page of tenant `tenant_id`.
pub async fn view(st: &AppState, tenant_id: i64, page: u32, locale: Locale) -> Result<BillingView> {
    let day = |stored: &str| {
        parse_ts(stored).map_or_else(
            || show_day(stored),
            |t| format::date(t.date_naive(), locale),
        )
    };
    let when = |stored: &str| {
        parse_ts(stored).map_or_else(|| show_minute(stored), |t| format::moment(t, locale))
    };
    let page = page.max(1);
    let offset = i64::from(page - 1) * PAGE_SIZE;
    let customer = customer_of(st, tenant_id).await?;
    let invoices: Vec<InvoiceRow> = sqlx::query_as(
        "SELECT i.id, i.number, i.issued_at, i.due_at, i.total_minor, i.currency, i.status, o.public_token, \
         (SELECT COUNT(*) FROM dunnings d WHERE d.invoice_id = i.id AND d.status = 'open') \
         + (SELECT COUNT(*) FROM payments p WHERE p.invoice_id = i.id AND p.gateway = 'manual' AND p.status = 'pending') \
         FROM invoices i JOIN orders o ON o.id = i.order_id WHERE o.tenant_id = $1 ORDER BY i.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(tenant_id)
    .bind(PAGE_SIZE)
    .bind(offset)
    .fetch_all(&st.pool)
    .await?;
    let cards: Vec<(i64, String, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT id, brand, last4, exp_month, exp_year, is_default FROM payment_methods \
         WHERE customer_id = $1 AND last4 <> '' AND removed_at IS NULL ORDER BY is_default DESC, id DESC",
    )
    .bind(customer)
    .fetch_all(&st.pool)
    .await?;
    let payments: Vec<(String, Option<String>, i64, String, PaymentStatus, String)> =
        sqlx::query_as(
            "SELECT p.created_at, i.number, p.amount_minor, p.currency, p.status, p.gateway \
             FROM payments p JOIN orders o ON o.id = p.order_id LEFT JOIN invoices i ON i.id = p.invoice_id \
             WHERE o.tenant_id = $1 ORDER BY p.id DESC LIMIT $2 OFFSET $3",
        )
        .bind(tenant_id)
        .bind(PAGE_SIZE)
        .bind(offset)
        .fetch_all(&st.pool)
        .await?;
    let credit: Vec<(String, i64, String, String)> = sqlx::query_as(
        "SELECT created_at, amount_minor, currency, note FROM customer_credits WHERE customer_id = $1 ORDER BY id DESC",
    )
    .bind(customer)
    .fetch_all(&st.pool)
    .await?;
    let (company, billing_country, billing_address, vat_id): (String, String, String, String) =
        sqlx::query_as(
            "SELECT company, billing_country, billing_address, vat_id FROM customers WHERE id = $1",
        )
        .bind(customer)
        .fetch_one(&st.pool)
        .await?;
    let (currency,): (String,) = sqlx::query_as(
        "SELECT p.currency FROM tenants t JOIN plans p ON p.id = t.plan_id WHERE t.id = $1",
    )
    .bind(tenant_id)
    .fetch_one(&st.pool)
    .await?;
    let (invoice_rows, payment_rows): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM invoices i JOIN orders o ON o.id = i.order_id WHERE o.tenant_id = $1), \
                (SELECT COUNT(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.tenant_id = $1)",
    )
    .bind(tenant_id)
    .fetch_one(&st.pool)
    .await?;
    // Credit is kept per currency; the page shows the subscription's.
    let credit_minor = credit
        .iter()
        .filter(|(_, _, c, _)| *c == currency)
        .map(|(_, a, _, _)| a)
        .sum();
    Ok(BillingView {
        page,
        pages: pages_for(invoice_rows.max(payment_rows)),
        invoices: invoices
            .into_iter()
            .map(
                |(id, number, issued, due, total_minor, currency, status, token, dunned)| {
                    BillingInvoice {
                        id,
                        number,
                        issued: day(&issued),
                        due: day(&due),
                        total_minor,
                        currency,
                        payable: status == InvoiceStatus::Open && dunned > 0,
                        status,
                        url: format!("{}/orders/{token}/invoice", st.config.storefront_url()),
                    }
                },
            )
            .collect(),
        cards: cards
            .into_iter()
            .map(
                |(id, brand, last4, exp_month, exp_year, default)| CardView {
                    id,
                    brand,
                    last4,
                    exp_month,
                    exp_year,
                    default: default == 1,
                },
            )
            .collect(),
        payments: payments
            .into_iter()
            .map(
                |(at, invoice, amount_minor, currency, status, method)| PaymentLine {
                    at: when(&at),
                    invoice,
                    amount_minor,
                    currency,
                    status,
                    method,
                },
            )
            .collect(),
        credit: credit
            .into_iter()
            .map(|(at, amount_minor, currency, note)| CreditLine {
                at: when(&at),
                amount_minor,
                currency,
                note,
            })
            .collect(),
        credit_minor,
        currency,
        details: BillingDetails {
            company,
            billing_country,
            billing_address,
            vat_id,
        },
    })
}
