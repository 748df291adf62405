//! An invoice waiting for its bank transfer, paid by card from the portal instead: the card is
//! charged under a key made of the invoice and the attempt, then, in one transaction, the pending
//! transfer is voided (a conditional update: of payments at once, one records), the card payment
//! recorded, the invoice marked paid (which ends a dunning and restores the tenant) and the order
//! approved as the operator's confirmation of a transfer would; its job then applies it.
use crate::backend::db::{begin, ts};
use crate::backend::invoices;
use crate::backend::orders::advance;
use crate::backend::orders::change::stored_card;
use crate::backend::payments::{self, NewPayment};
use crate::backend::provisioning;
use crate::backend::state::AppState;
use crate::domain::order_flow::{FlowContext, OrderEvent};
use crate::domain::payment::{ChargeRequest, PaymentGateway, PaymentStatus};
use crate::domain::{Actor, Currency, Money};
use crate::error::{AppError, Result};

/// The transfer an open invoice waits for.
pub(super) struct Waiting {
    pub invoice_id: i64,
    pub order_id: i64,
    pub payment_id: i64,
    pub amount: Money,
    pub customer_id: i64,
}

/// The pending bank transfer of invoice `invoice_id` (of tenant `tenant_id`), if it waits for one.
pub(super) async fn waiting(
    st: &AppState,
    tenant_id: i64,
    invoice_id: i64,
) -> Result<Option<Waiting>> {
    let row: Option<(i64, i64, i64, String, i64)> = sqlx::query_as(
        "SELECT p.order_id, p.id, i.total_minor, i.currency, i.customer_id FROM payments p \
         JOIN invoices i ON i.id = p.invoice_id JOIN orders o ON o.id = p.order_id \
         WHERE p.invoice_id = $1 AND o.tenant_id = $2 AND p.gateway = 'manual' AND p.status = 'pending' \
         AND i.status = 'open'",
    )
    .bind(invoice_id)
    .bind(tenant_id)
    .fetch_optional(&st.pool)
    .await?;
    row.map(|(order_id, payment_id, total, currency, customer_id)| {
        Ok(Waiting {
            invoice_id,
            order_id,
            payment_id,
            amount: Money::new(total, Currency::parse(&currency)?),
            customer_id,
        })
    })
    .transpose()
}

/// Charges the customer's default card for the waiting transfer `w`; returns whether it paid.
pub(super) async fn pay_by_card(st: &AppState, w: &Waiting, by: &Actor) -> Result<bool> {
    let card = stored_card(st, w.customer_id)
        .await?
        .ok_or_else(|| AppError::Invalid("Add a card first.".into()))?;
    let gateway = payments::card_gateway(st);
    let (declined,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM payments WHERE invoice_id = $1 AND gateway = $2 AND status = 'declined'",
    )
    .bind(w.invoice_id)
    .bind(gateway.name())
    .fetch_one(&st.pool)
    .await?;
    // The same attempt sent twice is charged once by the gateway; a new attempt after a decline
    // has a key of its own.
    let key = format!("portal-pay:{}:{}", w.invoice_id, declined + 1);
    let outcome = gateway.charge(
        &ChargeRequest::new(key.clone(), w.amount, "Invoice paid by card".to_string()),
        &card,
    );
    let now = st.now();
    let mut tx = begin(&st.pool).await?;
    let (status, reference, detail) = payments::card_outcome(&outcome, &key);
    if status == PaymentStatus::Captured {
        let claimed = sqlx::query(
            "UPDATE payments SET status = 'voided', detail = 'paid by card instead', updated_at = $1 \
             WHERE id = $2 AND status = 'pending'",
        )
        .bind(ts(now))
        .bind(w.payment_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed == 0 {
            // Another payment of this invoice won. The same attempt is the same charge (already
            // recorded); a charge of its own is given back.
            drop(tx);
            let (known,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM payments WHERE reference = $1")
                    .bind(&reference)
                    .fetch_one(&st.pool)
                    .await?;
            if known == 0 {
                payments::refund(&gateway, &reference, w.amount);
            }
            return Err(AppError::Invalid("This invoice is already paid.".into()));
        }
    }
    let recorded = payments::record(
        &mut tx,
        now,
        NewPayment {
            order_id: w.order_id,
            invoice_id: w.invoice_id,
            gateway: gateway.name(),
            reference: &reference,
            idempotency_key: &key,
            amount: w.amount,
            status,
            detail: &detail,
        },
    )
    .await;
    if let Err(e) = recorded {
        // A decline already recorded under this key (a double submission): nothing more to do.
        if status != PaymentStatus::Captured {
            return Ok(false);
        }
        return Err(e);
    }
    if status != PaymentStatus::Captured {
        tx.commit().await?;
        return Ok(false);
    }
    invoices::mark_paid(&mut tx, now, w.invoice_id).await?;
    let ctx = FlowContext {
        payment_required: true,
        flagged: false,
        payment_captured: true,
    };
    advance(&mut tx, now, w.order_id, &OrderEvent::Approved, &ctx, by).await?;
    tx.commit().await?;
    provisioning::start(st, w.order_id);
    Ok(true)
}
