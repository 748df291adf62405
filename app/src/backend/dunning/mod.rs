//! Dunning: every unpaid renewal runs through its storefront's schedule. A declined renewal, or a
//! renewal paid by transfer whose invoice is overdue ([`overdue`]), makes the tenant past due and
//! opens a dunning ([`start`]); the sweep retries a card on the schedule's days ([`retry`]),
//! suspends the tenant when the grace period ends and archives it after a long suspension
//! ([`lifecycle`]); paying the invoice by any path ends the dunning and restores the tenant at
//! once ([`settle`]). Each step is on the invoice's timeline.
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

pub mod lifecycle;
pub mod mail;
pub mod overdue;
pub mod reminders;
pub mod retry;
pub mod schedule;

use super::db::ts;
use super::tenants;
use crate::domain::dunning::is_hard_decline;
use crate::domain::payment::DeclineCode;
use crate::domain::tenant_state::{TenantEvent, TenantState};
use crate::domain::{Actor, InvoiceEvent};
use crate::error::Result;

/// Who moves an unpaid invoice along: the dunning rule.
pub fn actor() -> Actor {
    Actor::Rule("dunning".into())
}

/// Adds a line to an invoice's timeline, in the caller's transaction.
pub async fn note(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    invoice_id: i64,
    event: InvoiceEvent,
    actor: &Actor,
    detail: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO invoice_events (invoice_id, event, actor, detail, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(invoice_id)
    .bind(event)
    .bind(actor.to_string())
    .bind(detail)
    .bind(ts(now))
    .execute(conn)
    .await?;
    Ok(())
}

/// Why a renewal is unpaid.
pub enum Cause<'a> {
    /// The card was declined, with the gateway's code and message.
    Declined { code: DeclineCode, message: &'a str },
    /// A renewal paid by bank transfer: its invoice's due date passed without the money.
    Overdue,
}

/// A renewal that is not paid.
pub struct Unpaid<'a> {
    pub invoice_id: i64,
    pub order_id: i64,
    pub tenant_id: i64,
    pub storefront_id: i64,
    pub cause: Cause<'a>,
}

/// Opens the dunning of an unpaid renewal, in the transaction that records it (a declined card)
/// or finds it (an overdue transfer): the tenant runs on past due, and a declined card is tried
/// again on the schedule's days unless the decline was hard. Returns when the next try is due,
/// if one is.
pub async fn start(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    d: Unpaid<'_>,
) -> Result<Option<DateTime<Utc>>> {
    let schedule = schedule::load(&mut *conn, d.storefront_id).await?;
    let (event, message, hard) = match &d.cause {
        Cause::Declined { code, message } => (
            InvoiceEvent::PaymentFailed,
            *message,
            is_hard_decline(*code),
        ),
        Cause::Overdue => (
            InvoiceEvent::Overdue,
            "the transfer did not arrive by the due date",
            false,
        ),
    };
    let next = match d.cause {
        Cause::Declined { .. } if !hard => schedule.retry_at(now, 0),
        _ => None,
    };
    // One dunning per invoice: a second server opening it at the same moment is told so.
    let opened: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO dunnings (invoice_id, tenant_id, order_id, status, failed_at, attempts, next_attempt_at) \
         VALUES ($1, $2, $3, 'open', $4, 0, $5) ON CONFLICT (invoice_id) DO NOTHING RETURNING invoice_id",
    )
    .bind(d.invoice_id)
    .bind(d.tenant_id)
    .bind(d.order_id)
    .bind(ts(now))
    .bind(next.map(ts))
    .fetch_optional(&mut *conn)
    .await?;
    if opened.is_none() {
        return Err(crate::error::AppError::Conflict(
            "This invoice is already being dunned.".into(),
        ));
    }
    let actor = actor();
    note(&mut *conn, now, d.invoice_id, event, &actor, message).await?;
    let plan = match (&d.cause, next) {
        (_, Some(at)) => format!("next try {}", ts(at)),
        (Cause::Overdue, None) => "no card to try: waiting for the transfer".into(),
        (_, None) if hard => "no retry: the card cannot be charged again".into(),
        (_, None) => "no retry in the schedule".into(),
    };
    note(
        &mut *conn,
        now,
        d.invoice_id,
        InvoiceEvent::DunningStarted,
        &actor,
        &plan,
    )
    .await?;
    let detail = match &d.cause {
        Cause::Declined { message, .. } => format!("renewal declined: {message}"),
        Cause::Overdue => "renewal invoice overdue: the transfer did not arrive".into(),
    };
    tenants::apply(
        &mut *conn,
        now,
        d.tenant_id,
        &TenantEvent::PaymentFailed,
        &actor,
        &detail,
    )
    .await?;
    Ok(next)
}

/// Ends an invoice's open dunning once it is paid, in the transaction that marks it paid: the
/// tenant runs again at once (no new provisioning). Nothing happens for an invoice not dunned.
pub async fn settle(conn: &mut AnyConnection, now: DateTime<Utc>, invoice_id: i64) -> Result<()> {
    let open: Option<(i64,)> = sqlx::query_as(
        "UPDATE dunnings SET status = 'recovered', ended_at = $1, next_attempt_at = NULL, lease_until = NULL \
         WHERE invoice_id = $2 AND status = 'open' RETURNING tenant_id",
    )
    .bind(ts(now))
    .bind(invoice_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((tenant_id,)) = open else {
        return Ok(());
    };
    let actor = actor();
    note(
        &mut *conn,
        now,
        invoice_id,
        InvoiceEvent::DunningEnded,
        &actor,
        "paid",
    )
    .await?;
    let state: TenantState =
        super::transitions::current(&mut *conn, super::transitions::Lifecycle::Tenant, tenant_id)
            .await?;
    if matches!(state, TenantState::PastDue | TenantState::Suspended) {
        let event = TenantEvent::PaymentRecovered;
        tenants::apply(
            &mut *conn,
            now,
            tenant_id,
            &event,
            &actor,
            "overdue invoice paid",
        )
        .await?;
    }
    Ok(())
}
