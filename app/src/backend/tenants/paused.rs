//! What an instance's host tells its users while the instance does not run: why (an unpaid
//! invoice: how much and since when, with where to pay it; an ended trial; the operator), with
//! the data untouched.
use crate::backend::db::parse_ts;
use crate::backend::state::AppState;
use crate::domain::format::{date, money_of};
use crate::domain::TenantState;
use crate::error::{AppError, Result};
use crate::i18n::Locale;
use crate::wire::tenants::{PausedReason, PausedView};

/// Whether instance `name` exists and is paused (suspended or archived).
pub async fn is_paused(st: &AppState, name: &str) -> Result<bool> {
    let row: Option<(TenantState,)> = sqlx::query_as(
        "SELECT state FROM tenants WHERE name = $1 AND state NOT IN ('failed', 'terminated') \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(name)
    .fetch_optional(&st.pool)
    .await?;
    Ok(row.is_some_and(|(s,)| matches!(s, TenantState::Suspended | TenantState::Archived)))
}

/// The paused instance `name`'s page; not found while it runs (or was never made).
pub async fn view(st: &AppState, name: &str, locale: Locale) -> Result<PausedView> {
    let row: Option<(i64, TenantState)> = sqlx::query_as(
        "SELECT id, state FROM tenants WHERE name = $1 AND state NOT IN ('failed', 'terminated') \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(name)
    .fetch_optional(&st.pool)
    .await?;
    let Some((tenant_id, state)) = row else {
        return Err(AppError::NotFound);
    };
    if !matches!(state, TenantState::Suspended | TenantState::Archived) {
        return Err(AppError::NotFound);
    }
    let unpaid: Option<(i64, String, String, String)> = sqlx::query_as(
        "SELECT i.total_minor, i.currency, d.failed_at, o.public_token FROM dunnings d \
         JOIN invoices i ON i.id = d.invoice_id JOIN orders o ON o.id = d.order_id \
         WHERE d.tenant_id = $1 AND d.status = 'open'",
    )
    .bind(tenant_id)
    .fetch_optional(&st.pool)
    .await?;
    let reason = if let Some((minor, currency, since, token)) = unpaid {
        PausedReason::Unpaid {
            amount: money_of(minor, &currency, locale),
            since: parse_ts(&since)
                .map(|t| date(t.date_naive(), locale))
                .unwrap_or_default(),
            pay_url: format!("{}/orders/{token}/invoice", st.config.storefront_url()),
        }
    } else if state == TenantState::Archived {
        PausedReason::Closed
    } else {
        let (event_actor,): (String,) = sqlx::query_as(
            "SELECT actor FROM tenant_events WHERE tenant_id = $1 AND to_state = 'suspended' ORDER BY id DESC LIMIT 1",
        )
        .bind(tenant_id)
        .fetch_optional(&st.pool)
        .await?
        .unwrap_or_default();
        if event_actor.starts_with("operator:") {
            PausedReason::Operator
        } else {
            PausedReason::TrialEnded
        }
    };
    Ok(PausedView {
        name: name.to_string(),
        state,
        reason,
    })
}
