//! The instance's own `users` table follows the platform's members: an active admin or user is
//! there with their name, password and role; anyone else (a billing contact, a deactivated or
//! removed member) is not. Run after each change, and idempotent, so a failed run is mended by
//! the next.
use sqlx::Connection;

use crate::backend::db::ts;
use crate::backend::provisioning::TenantDb;
use crate::backend::state::AppState;
use crate::domain::members::MemberState;
use crate::domain::Role;

/// Brings the instance's row for member `user_id` in line with the platform.
pub async fn sync(st: &AppState, tenant_id: i64, user_id: i64) -> Result<(), sqlx::Error> {
    let row: Option<(String, String, String, Role, MemberState)> = sqlx::query_as(
        "SELECT email, full_name, password_hash, role, state FROM users WHERE id = $1 AND tenant_id = $2",
    )
    .bind(user_id)
    .bind(tenant_id)
    .fetch_optional(&st.pool)
    .await?;
    let Some((email, full_name, hash, role, state)) = row else {
        return Ok(());
    };
    let Some(db) = TenantDb::of_tenant(&st.pool, tenant_id).await? else {
        return Ok(());
    };
    let mut conn = db.connect(&st.config).await?;
    match role
        .instance_role()
        .filter(|_| state == MemberState::Active)
    {
        Some(instance_role) => {
            sqlx::query(
                "INSERT INTO users (email, full_name, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (email) DO UPDATE SET full_name = excluded.full_name, \
                 password_hash = excluded.password_hash, role = excluded.role",
            )
            .bind(&email)
            .bind(&full_name)
            .bind(&hash)
            .bind(instance_role)
            .bind(ts(st.now()))
            .execute(&mut conn)
            .await?;
        }
        None => {
            sqlx::query("DELETE FROM users WHERE email = $1")
                .bind(&email)
                .execute(&mut conn)
                .await?;
        }
    }
    conn.close().await
}

/// [`sync`], logging a failure instead of returning it: the platform's change stands, and the
/// instance catches up with the member's next change.
pub async fn sync_logged(st: &AppState, tenant_id: i64, user_id: i64) {
    if let Err(e) = sync(st, tenant_id, user_id).await {
        tracing::warn!(tenant_id, user_id, error = %e, "the instance's users could not be updated");
    }
}
