//! What the Users page shows: the licence, the members and the open invitations.
use std::collections::HashSet;

use sqlx::Connection;

use super::seats;
use crate::backend::db::{parse_ts, show_minute};
use crate::backend::provisioning::TenantDb;
use crate::backend::state::AppState;
use crate::components::pager::{pages_for, PAGE_SIZE};
use crate::domain::members::MemberState;
use crate::domain::Role;
use crate::error::Result;
use crate::wire::members::{InvitationView, MemberView, MembersView};

/// Page `page` of the Users page of tenant `tenant_id` for its admin `me`.
pub async fn view(
    st: &AppState,
    tenant_id: i64,
    me: i64,
    page: u32,
    locale: crate::i18n::Locale,
) -> Result<MembersView> {
    let when = |stored: &str| {
        parse_ts(stored).map_or_else(
            || show_minute(stored),
            |t| crate::domain::format::moment(t, locale),
        )
    };
    let now = st.now();
    let mut conn = st.pool.acquire().await?;
    let seats = seats(&mut conn, tenant_id, now).await?;
    let rows: Vec<(i64, String, String, Role, MemberState)> = sqlx::query_as(
        "SELECT id, email, full_name, role, state FROM users WHERE tenant_id = $1 AND state <> 'removed' \
         ORDER BY CASE state WHEN 'active' THEN 0 ELSE 1 END, lower(full_name), id LIMIT $2 OFFSET $3",
    )
    .bind(tenant_id)
    .bind(PAGE_SIZE)
    .bind(i64::from(page.max(1) - 1) * PAGE_SIZE)
    .fetch_all(&mut *conn)
    .await?;
    let (listed,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM users WHERE tenant_id = $1 AND state <> 'removed'")
            .bind(tenant_id)
            .fetch_one(&mut *conn)
            .await?;
    let invitations: Vec<(i64, String, Role, String, String)> = sqlx::query_as(
        "SELECT id, email, role, created_at, expires_at FROM invitations \
         WHERE tenant_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL ORDER BY id DESC",
    )
    .bind(tenant_id)
    .fetch_all(&mut *conn)
    .await?;
    let (plan_code, included): (String, i64) = sqlx::query_as(
        "SELECT p.code, p.included_users FROM tenants t JOIN plans p ON p.id = t.plan_id WHERE t.id = $1",
    )
    .bind(tenant_id)
    .fetch_one(&mut *conn)
    .await?;
    let extra_users = seats.licensed - included;
    drop(conn);
    let in_instance = instance_emails(st, tenant_id).await;
    Ok(MembersView {
        seats,
        members: rows
            .into_iter()
            .map(|(id, email, full_name, role, state)| MemberView {
                in_instance: in_instance.contains(&email.to_lowercase()),
                id,
                email,
                full_name,
                role,
                state,
            })
            .collect(),
        invitations: invitations
            .into_iter()
            .map(|(id, email, role, sent, expires)| InvitationView {
                id,
                email,
                role,
                sent: when(&sent),
                expired: parse_ts(&expires).is_none_or(|e| e <= now),
                expires: when(&expires),
            })
            .collect(),
        me,
        page: page.max(1),
        pages: pages_for(listed),
        add_users_url: format!(
            "/portal/subscription?form%5Bplan%5D={plan_code}&form%5Bextra_users%5D={}",
            extra_users + 1
        ),
    })
}

/// The addresses the instance's own database lists; none when it can't be read (logged), so the
/// page still shows the members.
async fn instance_emails(st: &AppState, tenant_id: i64) -> HashSet<String> {
    let read = async {
        let Some(db) = TenantDb::of_tenant(&st.pool, tenant_id).await? else {
            return Ok(HashSet::new());
        };
        let mut conn = db.connect(&st.config).await?;
        let emails: Vec<(String,)> = sqlx::query_as("SELECT email FROM users")
            .fetch_all(&mut conn)
            .await?;
        conn.close().await?;
        Ok::<_, sqlx::Error>(emails.into_iter().map(|(e,)| e.to_lowercase()).collect())
    };
    read.await.unwrap_or_else(|e| {
        tracing::warn!(tenant_id, error = %e, "could not read the instance's users");
        HashSet::new()
    })
}
