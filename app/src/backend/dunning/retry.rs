//! Card retries of unpaid renewals, run by the sweep on every server. Each attempt is claimed
//! first (a conditional update that only one server wins: the row lock decides on PostgreSQL,
//! the write lock on SQLite), then charged under a key made of the invoice and the attempt
//! number, then recorded with its outcome in one transaction. A server that stops after claiming
//! leaves the attempt to whichever server finds its lease expired; the same key then gets the
//! same charge back from the gateway, so nothing is charged twice.
use chrono::{DateTime, Duration, Utc};

use super::{actor, note, schedule};
use crate::backend::db::{parse_ts, ts};
use crate::backend::invoices;
use crate::backend::orders::advance;
use crate::backend::orders::change::charge::stored_card;
use crate::backend::payments::{self, NewPayment};
use crate::backend::provisioning;
use crate::backend::state::AppState;
use crate::domain::dunning::is_hard_decline;
use crate::domain::order_flow::{FlowContext, OrderEvent};
use crate::domain::payment::{ChargeRequest, PaymentGateway, PaymentStatus};
use crate::domain::{Actor, Currency, InvoiceEvent, InvoiceStatus, Money};
use crate::error::{AppError, Result};

/// How long a server may take over one attempt before another may take it over.
const LEASE_SECONDS: i64 = 300;

/// At most this many attempts per sweep and server.
const BATCH: i64 = 200;

/// What an attempt needs to know, for the rows after it.
const SELECT_DUE: &str =
    "SELECT d.invoice_id, d.attempts, d.failed_at, d.order_id, i.customer_id, \
    i.storefront_id, i.total_minor, i.currency, t.name AS instance \
    FROM dunnings d JOIN invoices i ON i.id = d.invoice_id JOIN tenants t ON t.id = d.tenant_id";

#[derive(sqlx::FromRow, Clone)]
pub(super) struct Due {
    pub invoice_id: i64,
    pub attempts: i64,
    pub failed_at: String,
    pub order_id: i64,
    pub customer_id: i64,
    pub storefront_id: i64,
    pub total_minor: i64,
    pub currency: String,
    pub instance: String,
}

/// Tries every retry that is due; returns how many it tried.
pub async fn run_due(st: &AppState) -> Result<usize> {
    let now = st.now();
    let due: Vec<Due> = sqlx::query_as(&format!(
        "{SELECT_DUE} WHERE d.status = 'open' AND d.next_attempt_at <= $1 \
         AND (d.lease_until IS NULL OR d.lease_until < $1) ORDER BY d.next_attempt_at LIMIT $2"
    ))
    .bind(ts(now))
    .bind(BATCH)
    .fetch_all(&st.pool)
    .await?;
    let mut tried = 0;
    for d in due {
        match attempt(st, now, &d).await {
            Ok(true) => tried += 1,
            Ok(false) => {}
            Err(e) => {
                tracing::error!(invoice_id = d.invoice_id, error = %e, "dunning retry failed")
            }
        }
    }
    Ok(tried)
}

/// Claims the attempt after `d.attempts` for this server; false when another server has it or
/// it was recorded meanwhile.
async fn claim(st: &AppState, now: DateTime<Utc>, d: &Due) -> Result<bool> {
    let claimed = sqlx::query(
        "UPDATE dunnings SET lease_until = $1 WHERE invoice_id = $2 AND attempts = $3 AND status = 'open' \
         AND next_attempt_at <= $4 AND (lease_until IS NULL OR lease_until < $4)",
    )
    .bind(ts(now + Duration::seconds(LEASE_SECONDS)))
    .bind(d.invoice_id)
    .bind(d.attempts)
    .bind(ts(now))
    .execute(&st.pool)
    .await?
    .rows_affected();
    Ok(claimed == 1)
}

/// One attempt: claim, charge, record. Returns whether this server made it.
async fn attempt(st: &AppState, now: DateTime<Utc>, d: &Due) -> Result<bool> {
    if !claim(st, now, d).await? {
        return Ok(false);
    }
    attempt_claimed(st, now, d).await?;
    Ok(true)
}

/// Tries the card of an unpaid renewal now, at an operator's request (the customer fixed the
/// card, say), whatever the schedule says; returns whether the invoice is paid now. Refused for
/// an invoice that is paid or not being dunned; of requests at once, one makes the attempt and
/// the others are told a retry is under way.
pub async fn now(st: &AppState, invoice_id: i64, by: &Actor) -> Result<bool> {
    let now = st.now();
    let (status,): (InvoiceStatus,) = sqlx::query_as("SELECT status FROM invoices WHERE id = $1")
        .bind(invoice_id)
        .fetch_optional(&st.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    if status == InvoiceStatus::Paid {
        return Err(AppError::Invalid(
            "This invoice is already paid: there is nothing to retry.".into(),
        ));
    }
    let d: Due = sqlx::query_as(&format!(
        "{SELECT_DUE} WHERE d.invoice_id = $1 AND d.status = 'open'"
    ))
    .bind(invoice_id)
    .fetch_optional(&st.pool)
    .await?
    .ok_or_else(|| {
        AppError::Invalid("Only an unpaid renewal being dunned can be retried.".into())
    })?;
    // The attempt after the last one, due now: claimed like a scheduled one, so a retry the sweep
    // is making, or another request's, wins and this one stops.
    let claimed = sqlx::query(
        "UPDATE dunnings SET next_attempt_at = $1, lease_until = $2 WHERE invoice_id = $3 AND attempts = $4 \
         AND status = 'open' AND (lease_until IS NULL OR lease_until < $1)",
    )
    .bind(ts(now))
    .bind(ts(now + Duration::seconds(LEASE_SECONDS)))
    .bind(d.invoice_id)
    .bind(d.attempts)
    .execute(&st.pool)
    .await?
    .rows_affected();
    if claimed == 0 {
        return Err(AppError::Conflict(
            "A retry of this invoice is under way: reload the page in a moment.".into(),
        ));
    }
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let detail = format!("retry {} asked for", d.attempts + 1);
    note(
        &mut tx,
        now,
        invoice_id,
        InvoiceEvent::RetryRequested,
        by,
        &detail,
    )
    .await?;
    tx.commit().await?;
    attempt_claimed(st, now, &d).await?;
    let (status,): (InvoiceStatus,) = sqlx::query_as("SELECT status FROM invoices WHERE id = $1")
        .bind(invoice_id)
        .fetch_one(&st.pool)
        .await?;
    Ok(status == InvoiceStatus::Paid)
}

/// Charges and records the attempt after `d.attempts`, whose lease this server holds.
async fn attempt_claimed(st: &AppState, now: DateTime<Utc>, d: &Due) -> Result<()> {
    let number = d.attempts + 1;
    let key = format!("dunning:{}:{number}", d.invoice_id);
    let amount = Money::new(
        d.total_minor,
        Currency::parse(&d.currency).map_err(|_| AppError::Internal)?,
    );
    let Some(card) = stored_card(st, d.customer_id).await? else {
        // The card was removed since: nothing to retry; the grace period still runs.
        let mut tx = crate::backend::db::begin(&st.pool).await?;
        stop_retrying(&mut tx, d).await?;
        note(
            &mut tx,
            now,
            d.invoice_id,
            InvoiceEvent::RetrySkipped,
            &actor(),
            "no card on file",
        )
        .await?;
        tx.commit().await?;
        return Ok(());
    };
    let gateway = payments::card_gateway(st);
    let request = ChargeRequest::new(
        key.clone(),
        amount,
        format!("Renewal of {} (retry {number})", d.instance),
    );
    let outcome = gateway.charge(&request, &card);
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    // A card never answers "pending"; such an attempt is not paid and is tried again on schedule.
    let (status, reference, detail) = payments::card_outcome(&outcome, &key);
    payments::record(
        &mut tx,
        now,
        NewPayment {
            order_id: d.order_id,
            invoice_id: d.invoice_id,
            gateway: gateway.name(),
            reference: &reference,
            idempotency_key: &key,
            amount,
            status,
            detail: &detail,
        },
    )
    .await?;
    let mut provision = None;
    if status == PaymentStatus::Captured {
        note(
            &mut tx,
            now,
            d.invoice_id,
            InvoiceEvent::RetrySucceeded,
            &actor(),
            &format!("retry {number}: {} {}", card.brand, card.last4),
        )
        .await?;
        // Marking it paid ends the dunning and restores the tenant (see `settle`).
        invoices::mark_paid(&mut tx, now, d.invoice_id).await?;
        let ctx = FlowContext {
            payment_required: true,
            flagged: false,
            payment_captured: true,
        };
        let to = advance(&mut tx, now, d.order_id, &OrderEvent::Retry, &ctx, &actor()).await?;
        provision = Some(to);
    } else {
        let schedule = schedule::load(&mut tx, d.storefront_id).await?;
        let hard = outcome.decline_code().is_some_and(is_hard_decline);
        let failed_at = parse_ts(&d.failed_at).ok_or(AppError::Internal)?;
        let done = u32::try_from(number).unwrap_or(u32::MAX);
        let next = if hard {
            None
        } else {
            schedule.retry_at(failed_at, done)
        };
        sqlx::query(
            "UPDATE dunnings SET attempts = $1, next_attempt_at = $2, lease_until = NULL WHERE invoice_id = $3 AND attempts = $4",
        )
        .bind(number)
        .bind(next.map(ts))
        .bind(d.invoice_id)
        .bind(d.attempts)
        .execute(&mut *tx)
        .await?;
        let plan = match next {
            Some(at) => format!("retry {number} declined: {detail}; next try {}", ts(at)),
            None => format!("retry {number} declined: {detail}; no more retries"),
        };
        note(
            &mut tx,
            now,
            d.invoice_id,
            InvoiceEvent::RetryFailed,
            &actor(),
            &plan,
        )
        .await?;
    }
    tx.commit().await?;
    match provision {
        Some(status) => {
            provisioning::start_if_due(st, d.order_id, status);
            super::mail::tell_recovered(st, d.invoice_id).await;
        }
        None => super::mail::tell_failed(st, d.invoice_id).await,
    }
    Ok(())
}

/// No more retries for this invoice (its dunning stays open for the grace period).
async fn stop_retrying(conn: &mut sqlx::AnyConnection, d: &Due) -> Result<()> {
    sqlx::query(
        "UPDATE dunnings SET next_attempt_at = NULL, lease_until = NULL WHERE invoice_id = $1 AND attempts = $2",
    )
    .bind(d.invoice_id)
    .bind(d.attempts)
    .execute(conn)
    .await?;
    Ok(())
}
