//! The licence of a tenant counted inside a transaction.
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use crate::backend::db::ts;
use crate::domain::members::Seats;
use crate::domain::pricing::Selection;
use crate::error::{AppError, Result};

/// Users the tenant's subscription pays for: the plan's included users and the extra `users`
/// units bought.
pub async fn licensed_users(conn: &mut AnyConnection, tenant_id: i64) -> Result<i64> {
    let (included, selection): (i64, Option<String>) = sqlx::query_as(
        "SELECT p.included_users, (SELECT s.selection_json FROM subscriptions s WHERE s.tenant_id = t.id) \
         FROM tenants t JOIN plans p ON p.id = t.plan_id WHERE t.id = $1",
    )
    .bind(tenant_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    let selection: Selection = selection
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    let extra: i64 = selection
        .extra_resources
        .iter()
        .filter(|(code, _)| code == "users")
        .map(|(_, units)| i64::from(*units))
        .sum();
    Ok(included + extra)
}

/// The tenant's seats now: licensed, active members, invitations still open.
pub async fn seats(conn: &mut AnyConnection, tenant_id: i64, now: DateTime<Utc>) -> Result<Seats> {
    let licensed = licensed_users(conn, tenant_id).await?;
    let (active, invited): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM users WHERE tenant_id = $1 AND state = 'active'), \
                (SELECT COUNT(*) FROM invitations WHERE tenant_id = $1 AND accepted_at IS NULL \
                 AND revoked_at IS NULL AND expires_at > $2)",
    )
    .bind(tenant_id)
    .bind(ts(now))
    .fetch_one(&mut *conn)
    .await?;
    Ok(Seats {
        licensed,
        active,
        invited,
    })
}
