//! What a customer who pays by bank transfer still owes: the open invoice of an order (paid
//! through the manual gateway, the one that takes transfers), the
//! storefront's account and the reference to quote, for the order page, the mail and the invoice.
use sqlx::AnyPool;

use crate::backend::catalog::storefront_billing;
use crate::backend::db::parse_ts;
use crate::domain::bank_transfer::payment_reference;
use crate::domain::format::{date, money, Locale};
use crate::domain::{Currency, Money};
use crate::error::Result;
use crate::wire::bank_transfer::BankTransferDue;

/// The transfer due for order `order_id`: set when a bank-transfer payment of it is pending,
/// its invoice is open and its storefront has an account. Amount and day are written for `locale`.
pub async fn due_for_order(
    pool: &AnyPool,
    order_id: i64,
    locale: Locale,
) -> Result<Option<BankTransferDue>> {
    let row: Option<(i64, String, i64, String, String)> = sqlx::query_as(
        "SELECT i.storefront_id, i.number, i.total_minor, i.currency, i.due_at FROM invoices i \
         WHERE i.order_id = $1 AND i.status = 'open' \
         AND EXISTS (SELECT 1 FROM payments p WHERE p.order_id = $1 AND p.status = 'pending' AND p.gateway = 'manual') \
         ORDER BY i.id DESC LIMIT 1",
    )
    .bind(order_id)
    .fetch_optional(pool)
    .await?;
    let Some((storefront_id, number, total_minor, currency, due_at)) = row else {
        return Ok(None);
    };
    let billing = storefront_billing::read(pool, storefront_id).await?;
    let Some(bank) = billing.bank() else {
        return Ok(None);
    };
    let amount = Money::new(total_minor, Currency::parse(&currency)?);
    Ok(Some(BankTransferDue {
        amount: money(&amount, locale),
        reference: payment_reference(
            &billing.form.reference_format,
            &number,
            &order_id.to_string(),
        ),
        due_on: parse_ts(&due_at)
            .map(|t| date(t.date_naive(), locale))
            .unwrap_or_default(),
        bank,
    }))
}
