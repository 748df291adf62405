//! What an operator does to a tenant, always with a reason: suspend, resume, extend a trial or a
//! paid period by some days, archive, restore from the archive, terminate (with the instance's
//! name typed as confirmation). Each goes through the tenant's state machine and records who did
//! it and why; a move the state does not allow is refused with the machine's words.
use chrono::{DateTime, Duration, Utc};
use sqlx::AnyConnection;

use super::apply;
use crate::backend::db::{parse_ts, ts};
use crate::backend::provisioning::{drop_database, TenantDb};
use crate::backend::state::AppState;
use crate::backend::transitions::{current, Lifecycle};
use crate::domain::tenant_state::{TenantEvent, TenantState};
use crate::domain::{Actor, SubscriptionState};
use crate::error::{AppError, Result};

/// The most days one extension may add.
pub const MAX_EXTENSION_DAYS: i64 = 366;

/// An operator's action on a tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Suspend,
    Resume,
    /// Adds days to a running trial, or to an active tenant's paid period.
    Extend {
        days: i64,
    },
    Archive,
    Restore,
    /// Deletes an archived tenant's data now; `confirm` must be the instance's name.
    Terminate {
        confirm: String,
    },
}

/// Carries out `action` on tenant `tenant_id` for operator `operator`, with `reason`.
pub async fn act(
    st: &AppState,
    tenant_id: i64,
    operator: &str,
    action: Action,
    reason: &str,
) -> Result<TenantState> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::Invalid(
            "Say why: the reason is kept with the tenant's history.".into(),
        )
        .in_field("reason"));
    }
    let actor = Actor::Operator(operator.to_string());
    let now = st.now();
    if let Action::Terminate { confirm } = &action {
        return terminate(st, now, tenant_id, &actor, confirm, reason).await;
    }
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let state: TenantState = current(&mut tx, Lifecycle::Tenant, tenant_id).await?;
    let dunned = open_dunning(&mut tx, tenant_id).await?;
    let event = match action {
        Action::Suspend => TenantEvent::Suspend,
        Action::Resume if dunned => {
            return Err(AppError::Invalid(
                "This tenant is held for an unpaid invoice: it runs again as soon as the invoice is paid.".into(),
            ))
        }
        Action::Resume => TenantEvent::Resume {
            trial: subscription_status(&mut tx, tenant_id).await? == Some(SubscriptionState::Trial),
        },
        Action::Extend { days } => {
            extend(&mut tx, now, tenant_id, state, days, &actor, reason).await?;
            tx.commit().await?;
            return Ok(state);
        }
        Action::Archive => TenantEvent::Archive,
        Action::Restore => TenantEvent::Restore,
        // Handled above: it deletes data outside the transaction.
        Action::Terminate { .. } => return Err(AppError::Internal),
    };
    let to = apply(&mut tx, now, tenant_id, &event, &actor, reason).await?;
    if event == TenantEvent::Archive && dunned {
        // Archived by hand: the unpaid invoice is no longer chased.
        sqlx::query(
            "UPDATE dunnings SET status = 'lost', ended_at = $1, next_attempt_at = NULL, lease_until = NULL \
             WHERE tenant_id = $2 AND status = 'open'",
        )
        .bind(ts(now))
        .bind(tenant_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(to)
}

async fn open_dunning(conn: &mut AnyConnection, tenant_id: i64) -> Result<bool> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM dunnings WHERE tenant_id = $1 AND status = 'open'")
            .bind(tenant_id)
            .fetch_one(conn)
            .await?;
    Ok(n > 0)
}

async fn subscription_status(
    conn: &mut AnyConnection,
    tenant_id: i64,
) -> Result<Option<SubscriptionState>> {
    let row: Option<(SubscriptionState,)> =
        sqlx::query_as("SELECT status FROM subscriptions WHERE tenant_id = $1")
            .bind(tenant_id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(s,)| s))
}

/// Adds days to a trial (its end) or to an active tenant's paid period (its end, so the renewal
/// moves too); anything else is refused.
async fn extend(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    tenant_id: i64,
    state: TenantState,
    days: i64,
    actor: &Actor,
    reason: &str,
) -> Result<()> {
    if !(1..=MAX_EXTENSION_DAYS).contains(&days) {
        return Err(
            AppError::Invalid(format!("Extend by 1 to {MAX_EXTENSION_DAYS} days."))
                .in_field("days"),
        );
    }
    let column = match state {
        TenantState::Trial => "trial_ends_at",
        TenantState::Active => "period_end",
        TenantState::PastDue | TenantState::Suspended if open_dunning(conn, tenant_id).await? => {
            return Err(AppError::Invalid(
                "This tenant has an unpaid invoice: it runs again once the invoice is paid; a paid period cannot be extended before that.".into(),
            ))
        }
        other => {
            return Err(AppError::Invalid(format!(
                "Only a trial or an active tenant can be extended; this one is {}.",
                other.label().to_lowercase()
            )))
        }
    };
    let (end,): (Option<String>,) = sqlx::query_as(&format!(
        "SELECT {column} FROM subscriptions WHERE tenant_id = $1"
    ))
    .bind(tenant_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    let end = end
        .as_deref()
        .and_then(parse_ts)
        .ok_or_else(|| AppError::Invalid("This tenant has no end date to extend.".into()))?;
    let new_end = end + Duration::days(days);
    sqlx::query(&format!(
        "UPDATE subscriptions SET {column} = $1 WHERE tenant_id = $2"
    ))
    .bind(ts(new_end))
    .bind(tenant_id)
    .execute(&mut *conn)
    .await?;
    let what = if state == TenantState::Trial {
        "trial"
    } else {
        "paid period"
    };
    let detail = format!(
        "{what} extended by {days} days to {}: {reason}",
        ts(new_end)
    );
    super::record_note(conn, now, tenant_id, "extended", actor, &detail).await
}

/// Deletes an archived tenant's data now, after the operator typed its name.
async fn terminate(
    st: &AppState,
    now: DateTime<Utc>,
    tenant_id: i64,
    actor: &Actor,
    confirm: &str,
    reason: &str,
) -> Result<TenantState> {
    let (name, state): (String, TenantState) =
        sqlx::query_as("SELECT name, state FROM tenants WHERE id = $1")
            .bind(tenant_id)
            .fetch_optional(&st.pool)
            .await?
            .ok_or(AppError::NotFound)?;
    if confirm.trim() != name {
        return Err(AppError::Invalid(format!(
            "Type the instance's name, {name}, to delete its data."
        ))
        .in_field("confirm"));
    }
    // Checked before anything is deleted: only an archived tenant's data goes.
    crate::domain::tenant_state::transition(state, &TenantEvent::Terminate)?;
    if let Some(db) = TenantDb::of_tenant(&st.pool, tenant_id).await? {
        drop_database(&st.config, &db).await.map_err(|e| {
            tracing::error!(tenant_id, error = %e, "database not dropped");
            AppError::Internal
        })?;
    }
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let to = apply(
        &mut tx,
        now,
        tenant_id,
        &TenantEvent::Terminate,
        actor,
        reason,
    )
    .await?;
    tx.commit().await?;
    Ok(to)
}
