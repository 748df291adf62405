//! A tenant's members, managed by its admins on the portal's Users page: invitations by mail,
//! roles, deactivation and removal, within the licence. The platform's `users` rows are the
//! members (they sign in to the portal); the instance's own `users` table follows them
//! ([`instance::sync`]) so the instance lets in its active admins and users.
pub mod changes;
pub mod instance;
pub mod invitations;
pub mod seats;
mod view;

pub use seats::{licensed_users, seats};
pub use view::view;

use sqlx::AnyConnection;

use super::db::ts;
use crate::domain::members::MemberEvent;
use crate::domain::Role;
use crate::error::Result;

/// Records what happened to a member or an invitation, with who did it.
pub(crate) async fn record(
    conn: &mut AnyConnection,
    tenant_id: i64,
    email: &str,
    event: MemberEvent,
    role: Role,
    actor: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO member_events (tenant_id, email, event, role, actor, at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(tenant_id)
    .bind(email)
    .bind(event.as_str())
    .bind(role)
    .bind(actor)
    .bind(ts(now))
    .execute(conn)
    .await?;
    Ok(())
}
