//! The operator's decisions on orders: approve one waiting for approval (confirming an offline
//! payment), retry one whose provisioning failed, or reject either (refunding or voiding the
//! payment and releasing the instance name).
use super::advance;
use crate::backend::credit_notes;
use crate::backend::db::ts;
use crate::backend::invoices;
use crate::backend::payments;
use crate::backend::provisioning;
use crate::backend::state::AppState;
use crate::backend::{subscription_state, tenants};
use crate::domain::credit_notes::RefundDestination;
use crate::domain::order_flow::{FlowContext, OrderEvent};
use crate::domain::payment::{ManualGateway, PaymentGateway, PaymentStatus};
use crate::domain::tenant_state::TenantEvent;
use crate::domain::{Actor, Currency, Money, SubscriptionEvent, SubscriptionState};
use crate::error::{AppError, Result};

#[derive(sqlx::FromRow)]
struct Pending {
    kind: String,
    tenant_id: i64,
    tenant_state: String,
    instance_name: String,
    has_password: i64,
    payment_id: Option<i64>,
    payment_status: Option<PaymentStatus>,
    gateway: Option<String>,
    reference: Option<String>,
    amount_minor: Option<i64>,
    currency: String,
    invoice_id: Option<i64>,
    subscription_status: Option<SubscriptionState>,
}

impl Pending {
    /// Whether the order changes a running subscription (its tenant is not the order's to undo).
    fn is_change(&self) -> bool {
        self.kind != "new_sale"
    }
}

async fn load(st: &AppState, order_id: i64) -> Result<Pending> {
    sqlx::query_as(
        "SELECT o.kind, o.tenant_id, t.state AS tenant_state, o.instance_name, \
         CASE WHEN o.admin_password_hash IS NULL THEN 0 ELSE 1 END AS has_password, \
         pm.id AS payment_id, pm.status AS payment_status, pm.gateway, pm.reference, pm.amount_minor, o.currency, pm.invoice_id, \
         s.status AS subscription_status \
         FROM orders o JOIN tenants t ON t.id = o.tenant_id LEFT JOIN subscriptions s ON s.tenant_id = o.tenant_id \
         LEFT JOIN payments pm ON pm.id = (SELECT MAX(x.id) FROM payments x WHERE x.order_id = o.id) \
         WHERE o.id = $1 AND o.tenant_id IS NOT NULL",
    )
    .bind(order_id)
    .fetch_optional(&st.pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// Approves an order; a pending offline payment counts as received. Provisioning then runs in
/// the background.
pub async fn approve(st: &AppState, order_id: i64, operator: &str) -> Result<()> {
    let o = load(st, order_id).await?;
    let now = st.now();
    let ctx = FlowContext {
        payment_required: o.payment_id.is_some(),
        flagged: false,
        payment_captured: true,
    };
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let actor = Actor::Operator(operator.to_string());
    advance(&mut tx, now, order_id, &OrderEvent::Approved, &ctx, &actor).await?;
    if let (Some(payment_id), Some(PaymentStatus::Pending)) = (o.payment_id, o.payment_status) {
        sqlx::query("UPDATE payments SET status = 'captured', detail = $1, updated_at = $2 WHERE id = $3 AND status = 'pending'")
            .bind(format!("received, confirmed by {operator}"))
            .bind(ts(now))
            .bind(payment_id)
            .execute(&mut *tx)
            .await?;
        if let Some(invoice_id) = o.invoice_id {
            invoices::mark_paid(&mut tx, now, invoice_id).await?;
        }
    }
    tx.commit().await?;
    provisioning::start(st, order_id);
    Ok(())
}

/// Rejects an order: the payment is refunded (card) or voided (offline), the invoice voided and
/// the instance name released.
pub async fn reject(st: &AppState, order_id: i64, operator: &str, reason: &str) -> Result<()> {
    reject_as(st, order_id, &Actor::Operator(operator.to_string()), reason).await
}

/// Rejects an order as `actor` (an operator, or a rule such as an unconfirmed email's expiry).
pub async fn reject_as(st: &AppState, order_id: i64, actor: &Actor, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::Invalid(
            "Say why the order is rejected; the customer is told.".into(),
        ));
    }
    let o = load(st, order_id).await?;
    let captured = o.payment_status == Some(PaymentStatus::Captured);
    let ctx = FlowContext {
        payment_required: o.payment_id.is_some(),
        flagged: true,
        payment_captured: captured,
    };
    let now = st.now();
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    advance(
        &mut tx,
        now,
        order_id,
        &OrderEvent::Rejected {
            reason: reason.to_string(),
        },
        &ctx,
        actor,
    )
    .await?;
    if let (Some(payment_id), Some(reference)) = (o.payment_id, o.reference.as_deref()) {
        let card = payments::card_gateway(st);
        let gateway: &dyn PaymentGateway = if o.gateway.as_deref() == Some(ManualGateway::NAME) {
            &ManualGateway
        } else {
            &card
        };
        // A captured payment of a paid invoice goes back through a credit note (which refunds the
        // card and marks the payment refunded); anything else is refunded or voided as before.
        let credited = match (captured, o.invoice_id) {
            (true, Some(invoice_id)) => {
                let paid = o.amount_minor.unwrap_or(0);
                credit_rejected(&mut tx, now, invoice_id, paid, gateway, actor, reason).await?
            }
            _ => false,
        };
        if !credited {
            let status = if captured {
                let amount = Money::new(o.amount_minor.unwrap_or(0), Currency::parse(&o.currency)?);
                payments::refund(gateway, reference, amount).map(|_| PaymentStatus::Refunded)
            } else {
                gateway.void(reference).ok().map(|_| PaymentStatus::Voided)
            };
            let status = status.ok_or_else(|| {
                AppError::Conflict(
                    "The payment could not be given back; try again or settle it by hand.".into(),
                )
            })?;
            sqlx::query("UPDATE payments SET status = $1, updated_at = $2 WHERE id = $3")
                .bind(status)
                .bind(ts(now))
                .bind(payment_id)
                .execute(&mut *tx)
                .await?;
        }
    }
    if let Some(invoice_id) = o.invoice_id {
        sqlx::query("UPDATE invoices SET status = 'void' WHERE id = $1")
            .bind(invoice_id)
            .execute(&mut *tx)
            .await?;
    }
    if o.is_change() {
        // The subscription runs on as it was; credit a renewal drew on is given back.
        sqlx::query("DELETE FROM customer_credits WHERE order_id = $1 AND amount_minor < 0")
            .bind(order_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE orders SET failure_reason = $1 WHERE id = $2")
            .bind(format!("The order was declined: {reason}"))
            .bind(order_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        return Ok(());
    }
    // A failed order's tenant has already released its name.
    let detail = format!("order rejected: {reason}");
    if o.tenant_state != "failed" {
        let event = TenantEvent::ProvisioningFailed;
        tenants::apply(&mut tx, now, o.tenant_id, &event, actor, &detail).await?;
    }
    // A failed set-up already ended the subscription.
    if o.subscription_status != Some(SubscriptionState::Cancelled) {
        let event = SubscriptionEvent::OrderRejected;
        subscription_state::apply(&mut tx, now, o.tenant_id, &event, actor, &detail).await?;
    }
    // Rejecting dropped the admin password hash with the transition.
    sqlx::query("UPDATE orders SET failure_reason = $1 WHERE id = $2")
        .bind(format!("The order was declined: {reason}"))
        .bind(order_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Refunds what is left of a rejected order's paid invoice to the card with a credit note; false
/// when nothing paid is left on it (the caller then settles the payment directly).
async fn credit_rejected(
    conn: &mut sqlx::AnyConnection,
    now: chrono::DateTime<chrono::Utc>,
    invoice_id: i64,
    paid: i64,
    gateway: &dyn PaymentGateway,
    actor: &Actor,
    reason: &str,
) -> Result<bool> {
    let (ledger, currency) = credit_notes::ledger(conn, invoice_id).await?;
    // Never more than the card was charged (part of an invoice can be paid from credit).
    let amount = ledger.refundable().min(paid);
    if amount <= 0 {
        return Ok(false);
    }
    let note = credit_notes::NewCreditNote {
        invoice_id,
        amount: Money::new(amount, currency),
        destination: RefundDestination::Card,
        reason: &format!("Order rejected: {reason}"),
        actor,
        gateway,
        order_id: None,
    };
    credit_notes::issue(conn, now, note).await?;
    Ok(true)
}

/// Provisions a failed order again, from the first step. The instance name must still be free.
pub async fn retry(st: &AppState, order_id: i64, operator: &str) -> Result<()> {
    let o = load(st, order_id).await?;
    let ctx = FlowContext {
        payment_required: o.payment_id.is_some(),
        flagged: false,
        payment_captured: o.payment_status == Some(PaymentStatus::Captured),
    };
    let now = st.now();
    let actor = Actor::Operator(operator.to_string());
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let status = advance(&mut tx, now, order_id, &OrderEvent::Retry, &ctx, &actor).await?;
    if o.is_change() {
        if status != crate::domain::order_flow::OrderStatus::Provisioning {
            return Err(AppError::Conflict(
                "This order's payment was not received; reject it, or approve it once paid.".into(),
            ));
        }
        sqlx::query(
            "UPDATE orders SET failure_reason = NULL, provision_lease_until = NULL WHERE id = $1",
        )
        .bind(order_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        provisioning::start(st, order_id);
        return Ok(());
    }
    // Checked after the transition, so an order that is not failed gets the workflow's answer.
    if o.has_password == 0 {
        return Err(AppError::Conflict(
            "This order can no longer be set up (its admin password is gone); reject it instead."
                .into(),
        ));
    }
    // This order's tenant is failed, so the name counts as free unless another tenant holds it.
    let name_free = super::check_name(st, &o.instance_name).await?.available;
    if !name_free {
        return Err(AppError::Conflict(format!(
            "\u{201c}{}\u{201d} was taken by another order since; reject this one instead.",
            o.instance_name
        )));
    }
    // The live-name index still stops a race the check above missed (the update then fails).
    let detail = "provisioning retried";
    let event = TenantEvent::RetryProvisioning;
    tenants::apply(&mut tx, now, o.tenant_id, &event, &actor, detail).await?;
    let event = SubscriptionEvent::RetryProvisioning;
    subscription_state::apply(&mut tx, now, o.tenant_id, &event, &actor, detail).await?;
    sqlx::query(
        "UPDATE orders SET failure_reason = NULL, provision_lease_until = NULL WHERE id = $1",
    )
    .bind(order_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    provisioning::start(st, order_id);
    Ok(())
}
