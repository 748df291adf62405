//! The operator's decisions on orders waiting for approval: approve (confirming an offline
//! payment) or reject (refunding or voiding the payment and releasing the instance name).
use super::advance;
use super::provision::{provision, Applicant};
use super::record::Recorded;
use crate::backend::catalog::plan_by_id;
use crate::backend::db::ts;
use crate::backend::invoices;
use crate::backend::payments;
use crate::backend::state::AppState;
use crate::backend::tenants;
use crate::domain::order_flow::{Actor, FlowContext, OrderEvent};
use crate::domain::payment::{ManualGateway, PaymentGateway};
use crate::domain::tenant_state::TenantEvent;
use crate::domain::{Currency, Email, InstanceName, Money};
use crate::error::{AppError, Result};

#[derive(sqlx::FromRow)]
struct Pending {
    tenant_id: i64,
    customer_id: i64,
    plan_id: i64,
    instance_name: String,
    email: String,
    contact_name: String,
    company: String,
    payment_id: Option<i64>,
    payment_status: Option<String>,
    gateway: Option<String>,
    reference: Option<String>,
    amount_minor: Option<i64>,
    currency: String,
    invoice_id: Option<i64>,
}

async fn load(st: &AppState, order_id: i64) -> Result<Pending> {
    sqlx::query_as(
        "SELECT o.tenant_id, o.customer_id, o.plan_id, o.instance_name, c.email, c.contact_name, c.company, \
         pm.id AS payment_id, pm.status AS payment_status, pm.gateway, pm.reference, pm.amount_minor, o.currency, pm.invoice_id \
         FROM orders o JOIN customers c ON c.id = o.customer_id \
         LEFT JOIN payments pm ON pm.id = (SELECT MAX(x.id) FROM payments x WHERE x.order_id = o.id) \
         WHERE o.id = $1 AND o.tenant_id IS NOT NULL",
    )
    .bind(order_id)
    .fetch_optional(&st.pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// Approves an order; a pending offline payment counts as received. Then provisions, in a task of
/// its own so that a disconnecting client cannot stop it halfway.
pub async fn approve(st: &AppState, order_id: i64, operator: &str) -> Result<()> {
    let (st, operator) = (st.clone(), operator.to_string());
    tokio::spawn(async move { approve_now(&st, order_id, &operator).await })
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "approval task failed");
            AppError::Internal
        })?
}

async fn approve_now(st: &AppState, order_id: i64, operator: &str) -> Result<()> {
    let o = load(st, order_id).await?;
    let now = st.now();
    let ctx = FlowContext {
        payment_required: o.payment_id.is_some(),
        flagged: false,
        payment_captured: true,
    };
    let mut tx = st.pool.begin().await?;
    let actor = Actor::Operator(operator.to_string());
    advance(&mut tx, now, order_id, &OrderEvent::Approved, &ctx, &actor).await?;
    if let (Some(payment_id), Some("pending")) = (o.payment_id, o.payment_status.as_deref()) {
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
    let plan = plan_by_id(&st.pool, o.plan_id).await?;
    let applicant = Applicant {
        email: Email::parse(&o.email)?,
        contact_name: o.contact_name,
        company: o.company,
        instance: InstanceName::parse(&o.instance_name)?,
    };
    let rec = Recorded {
        token: String::new(),
        order_id,
        tenant_id: o.tenant_id,
        customer_id: o.customer_id,
    };
    provision(st, &applicant, &plan, &rec, &ctx).await?;
    Ok(())
}

/// Rejects an order: the payment is refunded (card) or voided (offline), the invoice voided and
/// the instance name released.
pub async fn reject(st: &AppState, order_id: i64, operator: &str, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::Invalid(
            "Say why the order is rejected; the customer is told.".into(),
        ));
    }
    let o = load(st, order_id).await?;
    let captured = o.payment_status.as_deref() == Some("captured");
    let ctx = FlowContext {
        payment_required: o.payment_id.is_some(),
        flagged: true,
        payment_captured: captured,
    };
    let now = st.now();
    let mut tx = st.pool.begin().await?;
    let actor = Actor::Operator(operator.to_string());
    advance(
        &mut tx,
        now,
        order_id,
        &OrderEvent::Rejected {
            reason: reason.to_string(),
        },
        &ctx,
        &actor,
    )
    .await?;
    if let (Some(payment_id), Some(reference)) = (o.payment_id, o.reference.as_deref()) {
        let card = payments::card_gateway(st);
        let gateway: &dyn PaymentGateway = if o.gateway.as_deref() == Some(ManualGateway::NAME) {
            &ManualGateway
        } else {
            &card
        };
        let status = if captured {
            let amount = Money::new(o.amount_minor.unwrap_or(0), Currency::parse(&o.currency)?);
            payments::refund(gateway, reference, amount).map(|_| "refunded")
        } else {
            gateway.void(reference).ok().map(|_| "voided")
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
    if let Some(invoice_id) = o.invoice_id {
        sqlx::query("UPDATE invoices SET status = 'void' WHERE id = $1")
            .bind(invoice_id)
            .execute(&mut *tx)
            .await?;
    }
    tenants::apply(
        &mut tx,
        now,
        o.tenant_id,
        &TenantEvent::ProvisioningFailed,
        &actor.to_string(),
        &format!("order rejected: {reason}"),
    )
    .await?;
    sqlx::query("UPDATE subscriptions SET status = 'cancelled' WHERE tenant_id = $1")
        .bind(o.tenant_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE orders SET failure_reason = $1, admin_password_hash = NULL WHERE id = $2")
        .bind(format!("The order was declined: {reason}"))
        .bind(order_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
