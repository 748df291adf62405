//! Paying for a change order: the customer's stored card is charged, or, without one, an offline
//! payment (bank transfer) waits for an operator. The charge is taken first; the order, its
//! invoice and payment are then recorded together in one transaction, and the workflow moves on.
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use crate::backend::db::ts;
use crate::backend::invoices::{self, NewInvoice};
use crate::backend::orders::advance;
use crate::backend::payments::{self, NewPayment};
use crate::backend::state::AppState;
use crate::domain::order_flow::{FlowContext, OrderEvent, OrderStatus};
use crate::domain::payment::{
    ChargeOutcome, ChargeRequest, DeclineCode, ManualGateway, PaymentGateway, PaymentMethodInput,
    PaymentStatus, StoredPaymentMethod,
};
use crate::domain::pricing::Quote;
use crate::domain::vat_id::TaxTreatment;
use crate::domain::Actor;
use crate::error::{AppError, Result};

use super::Current;

/// What a change order bills.
pub(super) struct Bill<'a> {
    pub current: &'a Current,
    pub quote: &'a Quote,
    pub tax: TaxTreatment,
    /// The service period the invoice bills.
    pub period: (DateTime<Utc>, DateTime<Utc>),
    pub description: String,
}

/// A charge taken (or declined, or promised offline) before its order is recorded.
pub(super) struct Taken {
    gateway: &'static str,
    reference: String,
    key: String,
    status: PaymentStatus,
    detail: String,
    event: OrderEvent,
    /// Why the card was declined, if it was.
    code: Option<DeclineCode>,
}

impl Taken {
    /// Why the card was declined, if it was.
    pub fn declined(&self) -> Option<&str> {
        (self.status == PaymentStatus::Declined).then_some(self.detail.as_str())
    }

    /// The gateway's decline code, if the card was declined.
    pub fn decline_code(&self) -> Option<DeclineCode> {
        self.code
    }
}

/// Gives back a captured charge whose order could not be recorded, unless an order under the
/// same key was recorded meanwhile: that order holds this very charge (the gateway charges a key
/// once), and it is kept.
pub(super) async fn give_back_unless_recorded(
    st: &AppState,
    order_key: &str,
    bill: &Bill<'_>,
    taken: &Taken,
) {
    if taken.status != PaymentStatus::Captured {
        return;
    }
    let recorded: std::result::Result<Option<(i64,)>, sqlx::Error> =
        sqlx::query_as("SELECT id FROM orders WHERE idempotency_key = $1")
            .bind(order_key)
            .fetch_optional(&st.pool)
            .await;
    match recorded {
        Ok(Some(_)) => {}
        Ok(None) => {
            payments::refund(
                &payments::card_gateway(st),
                &taken.reference,
                bill.quote.total,
            );
        }
        Err(e) => {
            tracing::error!(order_key, reference = %taken.reference, error = %e, "cannot tell whether the charge was recorded; settle it by hand");
        }
    }
}

/// Gives back a captured charge whose order could not be recorded (the caller knows it was not).
pub(super) fn give_back(st: &AppState, bill: &Bill<'_>, taken: &Taken) {
    if taken.status == PaymentStatus::Captured {
        payments::refund(
            &payments::card_gateway(st),
            &taken.reference,
            bill.quote.total,
        );
    }
}

/// The card renewals and retries charge: the customer's default card, else their newest (a
/// removed card never).
pub async fn stored_card(st: &AppState, customer_id: i64) -> Result<Option<StoredPaymentMethod>> {
    let row: Option<CardRow> = sqlx::query_as(
        "SELECT gateway, token, brand, last4, exp_month, exp_year FROM payment_methods \
         WHERE customer_id = $1 AND last4 <> '' AND removed_at IS NULL ORDER BY is_default DESC, id DESC LIMIT 1",
    )
    .bind(customer_id)
    .fetch_optional(&st.pool)
    .await?;
    Ok(row.map(card_of_row))
}

/// A stored card as read: gateway, token, brand, last four digits, expiry month and year.
pub(super) type CardRow = (String, String, String, String, i64, i64);

/// The stored card a row holds.
pub(super) fn card_of_row((gateway, token, brand, last4, m, y): CardRow) -> StoredPaymentMethod {
    StoredPaymentMethod {
        gateway,
        token,
        brand,
        last4,
        exp_month: u32::try_from(m).unwrap_or(0),
        exp_year: u32::try_from(y).unwrap_or(0),
    }
}

/// Charges the stored card (or, without one, promises a bank transfer) under `key`, which the
/// gateway charges once however often it is sent. Nothing is recorded yet.
pub(super) async fn take(st: &AppState, key: &str, bill: &Bill<'_>) -> Result<Taken> {
    let card = payments::card_gateway(st);
    let stored = stored_card(st, bill.current.customer_id).await?;
    let (gateway, method): (&dyn PaymentGateway, StoredPaymentMethod) = match stored {
        Some(m) => (&card, m),
        None => (
            &ManualGateway,
            ManualGateway.tokenize(&PaymentMethodInput::BankTransfer)?,
        ),
    };
    let key = format!("{key}:charge");
    let outcome = gateway.charge(
        &ChargeRequest::new(key.clone(), bill.quote.total, bill.description.clone()),
        &method,
    );
    Ok(match outcome {
        ChargeOutcome::Captured { reference } => Taken {
            gateway: gateway.name(),
            reference,
            key,
            status: PaymentStatus::Captured,
            detail: String::new(),
            event: OrderEvent::PaymentCaptured,
            code: None,
        },
        ChargeOutcome::Pending {
            reference,
            instructions,
            ..
        } => Taken {
            gateway: gateway.name(),
            reference,
            key,
            status: PaymentStatus::Pending,
            detail: instructions,
            event: OrderEvent::PaymentOffline,
            code: None,
        },
        ChargeOutcome::Declined { message, code } => Taken {
            gateway: gateway.name(),
            reference: format!("declined:{key}"),
            key,
            status: PaymentStatus::Declined,
            detail: message.clone(),
            event: OrderEvent::PaymentDeclined { reason: message },
            code: Some(code),
        },
    })
}

/// Records, in the caller's transaction, the order's invoice and the payment taken, and
/// advances the order: to provisioning when paid, awaiting approval when offline, failed when
/// declined (its invoice then stays open). Returns the order's status and the invoice.
pub(super) async fn record(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    order_id: i64,
    bill: &Bill<'_>,
    taken: &Taken,
) -> Result<(OrderStatus, i64)> {
    let storefront_id = bill.current.storefront_id.ok_or_else(|| {
        AppError::Invalid("This subscription has no storefront to invoice from.".into())
    })?;
    let captured = taken.status == PaymentStatus::Captured;
    let ctx = FlowContext {
        payment_required: true,
        flagged: false,
        payment_captured: captured,
    };
    let invoice = NewInvoice {
        storefront_id,
        customer_id: bill.current.customer_id,
        order_id,
        quote: bill.quote,
        tax: bill.tax,
        period: bill.period,
        paid: captured,
        due_days: if captured { 0 } else { 30 },
        bill_to: &bill.current.bill_to,
    };
    let (invoice_id, _) = invoices::issue(&mut *conn, now, invoice).await?;
    payments::record(
        &mut *conn,
        now,
        NewPayment {
            order_id,
            invoice_id,
            gateway: taken.gateway,
            reference: &taken.reference,
            idempotency_key: &taken.key,
            amount: bill.quote.total,
            status: taken.status,
            detail: &taken.detail,
        },
    )
    .await?;
    let rule = Actor::Rule("existing_customer".into());
    let screened = OrderEvent::Screened { flagged: false };
    advance(&mut *conn, now, order_id, &screened, &ctx, &rule).await?;
    let status = advance(
        &mut *conn,
        now,
        order_id,
        &taken.event,
        &ctx,
        &Actor::System,
    )
    .await?;
    if let Some(message) = taken.declined() {
        sqlx::query("UPDATE orders SET failure_reason = $1, updated_at = $2 WHERE id = $3")
            .bind(message)
            .bind(ts(now))
            .bind(order_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok((status, invoice_id))
}

/// Advances an order with nothing to pay straight to provisioning, in the caller's transaction.
pub(super) async fn nothing_to_pay(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    order_id: i64,
) -> Result<()> {
    let rule = Actor::Rule("existing_customer".into());
    let screened = OrderEvent::Screened { flagged: false };
    advance(
        conn,
        now,
        order_id,
        &screened,
        &FlowContext::default(),
        &rule,
    )
    .await?;
    Ok(())
}
