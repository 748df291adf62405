//! One tenant for the operator: facts, subscription, the unpaid invoice it is held for, history.
use crate::backend::db::show_minute;
use crate::backend::state::AppState;
use crate::domain::dunning::DunningStatus;
use crate::domain::format::money_of;
use crate::domain::{SubscriptionState, TenantState};
use crate::error::{AppError, Result};
use crate::i18n::Locale;
use crate::wire::tenants::{DunningView, SubscriptionFacts, TenantDetailView, TenantEventView};

#[derive(sqlx::FromRow)]
struct Facts {
    name: String,
    state: TenantState,
    company: String,
    email: String,
    plan_name: String,
}

#[derive(sqlx::FromRow)]
struct Sub {
    status: SubscriptionState,
    period_end: String,
    trial_ends_at: Option<String>,
    cancel_at_period_end: i64,
}

#[derive(sqlx::FromRow)]
struct Dun {
    status: DunningStatus,
    invoice_id: i64,
    number: String,
    total_minor: i64,
    currency: String,
    failed_at: String,
    attempts: i64,
    next_attempt_at: Option<String>,
    suspended_at: Option<String>,
    order_id: i64,
}

#[derive(sqlx::FromRow)]
struct Event {
    event: String,
    from_state: Option<String>,
    to_state: String,
    actor: String,
    detail: String,
    created_at: String,
}

/// The tenant page's data.
pub async fn load(st: &AppState, tenant_id: i64) -> Result<TenantDetailView> {
    let f: Facts = sqlx::query_as(
        "SELECT t.name, t.state, c.company, c.email, p.name AS plan_name FROM tenants t \
         JOIN customers c ON c.id = t.customer_id JOIN plans p ON p.id = t.plan_id WHERE t.id = $1",
    )
    .bind(tenant_id)
    .fetch_optional(&st.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let sub: Option<Sub> = sqlx::query_as(
        "SELECT status, period_end, trial_ends_at, cancel_at_period_end FROM subscriptions WHERE tenant_id = $1",
    )
    .bind(tenant_id)
    .fetch_optional(&st.pool)
    .await?;
    let dun: Option<Dun> = sqlx::query_as(
        "SELECT d.status, d.invoice_id, i.number, i.total_minor, i.currency, d.failed_at, d.attempts, d.next_attempt_at, \
         d.suspended_at, d.order_id FROM dunnings d JOIN invoices i ON i.id = d.invoice_id \
         WHERE d.tenant_id = $1 ORDER BY d.failed_at DESC LIMIT 1",
    )
    .bind(tenant_id)
    .fetch_optional(&st.pool)
    .await?;
    let events: Vec<Event> = sqlx::query_as(
        "SELECT event, from_state, to_state, actor, detail, created_at FROM tenant_events \
         WHERE tenant_id = $1 ORDER BY id DESC",
    )
    .bind(tenant_id)
    .fetch_all(&st.pool)
    .await?;
    let seats = {
        let mut conn = st.pool.acquire().await?;
        crate::backend::members::seats::seats(&mut conn, tenant_id, st.now()).await?
    };
    let mrr: Option<(i64, String)> = sqlx::query_as(
        "SELECT s.mrr_minor, p.currency FROM subscriptions s JOIN plans p ON p.id = s.plan_id WHERE s.tenant_id = $1",
    )
    .bind(tenant_id)
    .fetch_optional(&st.pool)
    .await?;
    // The first page of what the tenant's billing page shows (its invoices and payments).
    let billing = crate::backend::billing::view::view(st, tenant_id, 1, Locale::En).await?;
    Ok(TenantDetailView {
        id: tenant_id,
        mrr: mrr
            .filter(|(m, _)| *m > 0)
            .map(|(m, c)| money_of(m, &c, Locale::En))
            .unwrap_or_default(),
        seats,
        invoices: billing.invoices,
        payments: billing.payments,
        health: Some(crate::backend::health::tenant_health(st, tenant_id).await?),
        url: st.config.instance_url(&f.name),
        name: f.name,
        state: f.state,
        company: f.company,
        email: f.email,
        plan_name: f.plan_name,
        subscription: sub.map(|s| SubscriptionFacts {
            status: s.status,
            period_end: show_minute(&s.period_end),
            trial_ends: s.trial_ends_at.as_deref().map(show_minute),
            cancelling: s.cancel_at_period_end == 1,
        }),
        dunning: dun.map(|d| DunningView {
            status: d.status,
            invoice_id: d.invoice_id,
            invoice_number: d.number,
            amount: money_of(d.total_minor, &d.currency, Locale::En),
            failed_at: show_minute(&d.failed_at),
            attempts: d.attempts,
            next_attempt: d.next_attempt_at.as_deref().map(show_minute),
            suspended_at: d.suspended_at.as_deref().map(show_minute),
            order_id: d.order_id,
        }),
        events: events
            .into_iter()
            .map(|e| TenantEventView {
                at: show_minute(&e.created_at),
                event: e.event,
                from: e.from_state.and_then(|s| s.parse().ok()),
                to: e.to_state.parse().unwrap_or(TenantState::Failed),
                actor: e.actor,
                detail: e.detail,
            })
            .collect(),
        rehearsals: crate::backend::rehearsals::of_tenant(&st.pool, tenant_id).await?,
    })
}
