//! Payment records and stored payment methods (never card numbers), and the gateways in use.
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use super::db::ts;
use super::state::AppState;
use crate::domain::payment::{
    ChargeOutcome, ManualGateway, PaymentGateway, PaymentStatus, StoredPaymentMethod,
    TestCardGateway,
};
use crate::domain::Money;
use crate::error::Result;

/// The card gateway. Only the built-in test gateway exists so far; its documented numbers decide
/// the outcome (see `domain::payment::TEST_CARDS`).
pub fn card_gateway(st: &AppState) -> TestCardGateway {
    TestCardGateway::new(st.clock.clone())
}

/// The offline gateway: bank transfer or cash on delivery, confirmed by an operator.
pub fn manual_gateway() -> ManualGateway {
    ManualGateway
}

/// How a card charge made under `key` is recorded: its status, reference and detail. A card
/// never answers "pending"; such an answer counts as not paid.
pub fn card_outcome(outcome: &ChargeOutcome, key: &str) -> (PaymentStatus, String, String) {
    match outcome {
        ChargeOutcome::Captured { reference } => {
            (PaymentStatus::Captured, reference.clone(), String::new())
        }
        ChargeOutcome::Declined { message, .. } => (
            PaymentStatus::Declined,
            format!("declined:{key}"),
            message.clone(),
        ),
        ChargeOutcome::Pending { reference, .. } => (
            PaymentStatus::Declined,
            format!("pending:{reference}"),
            "the card gateway left the charge pending".to_string(),
        ),
    }
}

/// A payment about to be recorded.
pub struct NewPayment<'a> {
    /// The order paid for.
    pub order_id: i64,
    /// The invoice paid.
    pub invoice_id: i64,
    /// Which gateway took it.
    pub gateway: &'a str,
    /// The gateway's reference.
    pub reference: &'a str,
    /// Our idempotency key for the charge.
    pub idempotency_key: &'a str,
    /// How much.
    pub amount: Money,
    /// pending, captured, refunded, voided or declined.
    pub status: PaymentStatus,
    /// Instructions or notes.
    pub detail: &'a str,
}

/// Records a payment in the caller's transaction.
pub async fn record(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    p: NewPayment<'_>,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO payments (order_id, invoice_id, gateway, reference, idempotency_key, amount_minor, currency, status, detail, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(p.order_id)
    .bind(p.invoice_id)
    .bind(p.gateway)
    .bind(p.reference)
    .bind(p.idempotency_key)
    .bind(p.amount.minor)
    .bind(p.amount.currency.as_str())
    .bind(p.status)
    .bind(p.detail)
    .bind(ts(now))
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Stores a customer's payment method (brand, last four digits, expiry, gateway token only);
/// returns its id.
pub async fn save_method(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    customer_id: i64,
    m: &StoredPaymentMethod,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO payment_methods (customer_id, gateway, token, brand, last4, exp_month, exp_year, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(customer_id)
    .bind(&m.gateway)
    .bind(&m.token)
    .bind(&m.brand)
    .bind(&m.last4)
    .bind(i64::from(m.exp_month))
    .bind(i64::from(m.exp_year))
    .bind(ts(now))
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Gives money back on a gateway, logging (not hiding) a failure.
pub fn refund(gateway: &dyn PaymentGateway, reference: &str, amount: Money) -> Option<String> {
    match gateway.refund(reference, amount) {
        Ok(r) => Some(r),
        Err(e) => {
            tracing::error!(reference, error = %e, "refund failed; settle it by hand");
            None
        }
    }
}

/// The brand and last four digits of customer `customer_id`'s newest card, for documents that
/// say how they were paid or refunded.
pub async fn card_on_file(
    pool: &sqlx::AnyPool,
    customer_id: i64,
) -> Result<Option<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT brand, last4 FROM payment_methods WHERE customer_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(customer_id)
    .fetch_optional(pool)
    .await?)
}
