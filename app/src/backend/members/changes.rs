//! Changes an admin makes to a member: a new role, deactivation, reactivation, removal. Each
//! runs under the tenant's lock, so the licence and the last active admin hold when admins act
//! at once, records an event, and ends the member's sessions when they lose access.
use super::{instance, record, seats};
use crate::backend::db::begin;
use crate::backend::state::AppState;
use crate::backend::tenants::lock as lock_tenant;
use crate::domain::members::{keeps_an_admin, member_role, MemberChange, MemberEvent, MemberState};
use crate::domain::Role;
use crate::error::{AppError, Result};

/// A member as a change reads them.
struct Member {
    email: String,
    role: Role,
    state: MemberState,
}

async fn member(conn: &mut sqlx::AnyConnection, tenant_id: i64, id: i64) -> Result<Member> {
    let row: Option<(String, Role, MemberState)> = sqlx::query_as(
        "SELECT email, role, state FROM users WHERE id = $1 AND tenant_id = $2 AND state <> 'removed'",
    )
    .bind(id)
    .bind(tenant_id)
    .fetch_optional(conn)
    .await?;
    let (email, role, state) = row.ok_or(AppError::NotFound)?;
    Ok(Member { email, role, state })
}

async fn active_admins(conn: &mut sqlx::AnyConnection, tenant_id: i64) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM users WHERE tenant_id = $1 AND role = 'tenant_admin' AND state = 'active'",
    )
    .bind(tenant_id)
    .fetch_one(conn)
    .await?;
    Ok(n)
}

/// Gives member `id` the role `role` (the last active admin keeps theirs).
pub async fn set_role(
    st: &AppState,
    tenant_id: i64,
    actor: &str,
    id: i64,
    role: Role,
) -> Result<()> {
    let role = member_role(role)?;
    let now = st.now();
    let mut tx = begin(&st.pool).await?;
    lock_tenant(&mut tx, tenant_id).await?;
    let m = member(&mut tx, tenant_id, id).await?;
    if m.role == role {
        return Ok(());
    }
    let is_active_admin = m.role == Role::TenantAdmin && m.state == MemberState::Active;
    keeps_an_admin(
        active_admins(&mut tx, tenant_id).await?,
        is_active_admin,
        role == Role::TenantAdmin,
    )?;
    sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
        .bind(role)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        tenant_id,
        &m.email,
        MemberEvent::RoleChanged,
        role,
        actor,
        now,
    )
    .await?;
    tx.commit().await?;
    instance::sync_logged(st, tenant_id, id).await;
    Ok(())
}

/// Deactivates, reactivates or removes member `id`. Reactivating needs a free seat; the last
/// active admin can be neither deactivated nor removed.
pub async fn change(
    st: &AppState,
    tenant_id: i64,
    actor: &str,
    id: i64,
    change: MemberChange,
) -> Result<()> {
    let now = st.now();
    let mut tx = begin(&st.pool).await?;
    lock_tenant(&mut tx, tenant_id).await?;
    let m = member(&mut tx, tenant_id, id).await?;
    let (to, event) = m.state.apply(change)?;
    let is_active_admin = m.role == Role::TenantAdmin && m.state == MemberState::Active;
    keeps_an_admin(
        active_admins(&mut tx, tenant_id).await?,
        is_active_admin,
        m.role == Role::TenantAdmin && to == MemberState::Active,
    )?;
    if to.takes_a_seat() && !m.state.takes_a_seat() {
        seats(&mut tx, tenant_id, now).await?.room_for_one()?;
    }
    // Losing access ends the member's sessions at their next request.
    let ends_sessions = i64::from(!to.takes_a_seat());
    sqlx::query(
        "UPDATE users SET state = $1, session_epoch = session_epoch + $2 WHERE id = $3 AND state = $4",
    )
    .bind(to)
    .bind(ends_sessions)
    .bind(id)
    .bind(m.state)
    .execute(&mut *tx)
    .await?;
    record(&mut tx, tenant_id, &m.email, event, m.role, actor, now).await?;
    tx.commit().await?;
    instance::sync_logged(st, tenant_id, id).await;
    Ok(())
}
