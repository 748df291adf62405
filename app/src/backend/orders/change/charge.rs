//! Paying for a change order: the customer's stored card is charged, or, without one, an offline
//! payment (bank transfer) waits for an operator. The order's invoice and payment are recorded
//! with the outcome, and the workflow moves on.
use chrono::{DateTime, Utc};

use crate::backend::db::ts;
use crate::backend::invoices::{self, NewInvoice};
use crate::backend::orders::advance;
use crate::backend::payments::{self, NewPayment};
use crate::backend::state::AppState;
use crate::domain::order_flow::{Actor, FlowContext, OrderEvent, OrderStatus};
use crate::domain::payment::{
    ChargeOutcome, ChargeRequest, ManualGateway, PaymentGateway, PaymentMethodInput,
    StoredPaymentMethod,
};
use crate::domain::pricing::Quote;
use crate::error::{AppError, Result};

use super::Current;

/// What a change order bills.
pub(super) struct Bill<'a> {
    pub order_id: i64,
    pub current: &'a Current,
    pub quote: &'a Quote,
    pub tax_bp: u32,
    pub description: String,
}

/// The outcome of paying, once recorded.
pub(super) struct Paid {
    pub status: OrderStatus,
    /// Why the card was declined, for the customer.
    pub declined: Option<String>,
}

/// The customer's newest stored card, if any.
pub async fn stored_card(st: &AppState, customer_id: i64) -> Result<Option<StoredPaymentMethod>> {
    let row: Option<(String, String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT gateway, token, brand, last4, exp_month, exp_year FROM payment_methods \
         WHERE customer_id = $1 AND last4 <> '' ORDER BY id DESC LIMIT 1",
    )
    .bind(customer_id)
    .fetch_optional(&st.pool)
    .await?;
    Ok(
        row.map(|(gateway, token, brand, last4, m, y)| StoredPaymentMethod {
            gateway,
            token,
            brand,
            last4,
            exp_month: u32::try_from(m).unwrap_or(0),
            exp_year: u32::try_from(y).unwrap_or(0),
        }),
    )
}

/// Issues the invoice, charges the stored card (or waits for a bank transfer) and advances the
/// order: to provisioning when paid, awaiting approval when offline, failed when declined.
pub(super) async fn pay(st: &AppState, now: DateTime<Utc>, bill: Bill<'_>) -> Result<Paid> {
    let storefront_id = bill.current.storefront_id.ok_or_else(|| {
        AppError::Invalid("This subscription has no storefront to invoice from.".into())
    })?;
    let card = payments::card_gateway(st);
    let stored = stored_card(st, bill.current.customer_id).await?;
    let (gateway, method): (&dyn PaymentGateway, StoredPaymentMethod) = match stored {
        Some(m) => (&card, m),
        None => (
            &ManualGateway,
            ManualGateway.tokenize(&PaymentMethodInput::BankTransfer)?,
        ),
    };
    let key = format!("order:{}:charge", bill.order_id);
    let outcome = gateway.charge(
        &ChargeRequest::new(key.clone(), bill.quote.total, bill.description),
        &method,
    );
    let (reference, status, detail, event) = match &outcome {
        ChargeOutcome::Captured { reference } => (
            reference.clone(),
            "captured",
            String::new(),
            OrderEvent::PaymentCaptured,
        ),
        ChargeOutcome::Pending {
            reference,
            instructions,
            ..
        } => (
            reference.clone(),
            "pending",
            instructions.clone(),
            OrderEvent::PaymentOffline,
        ),
        ChargeOutcome::Declined { message, .. } => (
            format!("declined:{key}"),
            "declined",
            message.clone(),
            OrderEvent::PaymentDeclined {
                reason: message.clone(),
            },
        ),
    };
    let captured = status == "captured";
    let ctx = FlowContext {
        payment_required: true,
        flagged: false,
        payment_captured: captured,
    };
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let invoice = NewInvoice {
        storefront_id,
        customer_id: bill.current.customer_id,
        order_id: bill.order_id,
        quote: bill.quote,
        tax_basis_points: bill.tax_bp,
        paid: captured,
        due_days: if captured { 0 } else { 30 },
        bill_to: &bill.current.bill_to,
    };
    let (invoice_id, _) = invoices::issue(&mut tx, now, invoice).await?;
    payments::record(
        &mut tx,
        now,
        NewPayment {
            order_id: bill.order_id,
            invoice_id,
            gateway: gateway.name(),
            reference: &reference,
            idempotency_key: &key,
            amount: bill.quote.total,
            status,
            detail: &detail,
        },
    )
    .await?;
    let rule = Actor::Rule("existing_customer".into());
    let screened = OrderEvent::Screened { flagged: false };
    advance(&mut tx, now, bill.order_id, &screened, &ctx, &rule).await?;
    let status = advance(&mut tx, now, bill.order_id, &event, &ctx, &Actor::System).await?;
    let declined = match outcome {
        ChargeOutcome::Declined { message, .. } => {
            sqlx::query("UPDATE orders SET failure_reason = $1, updated_at = $2 WHERE id = $3")
                .bind(&message)
                .bind(ts(now))
                .bind(bill.order_id)
                .execute(&mut *tx)
                .await?;
            Some(message)
        }
        _ => None,
    };
    tx.commit().await?;
    Ok(Paid { status, declined })
}

/// Advances an order with nothing to pay straight to provisioning.
pub(super) async fn nothing_to_pay(st: &AppState, now: DateTime<Utc>, order_id: i64) -> Result<()> {
    let ctx = FlowContext::default();
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let rule = Actor::Rule("existing_customer".into());
    let screened = OrderEvent::Screened { flagged: false };
    advance(&mut tx, now, order_id, &screened, &ctx, &rule).await?;
    tx.commit().await?;
    Ok(())
}
