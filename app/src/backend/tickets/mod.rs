//! Support tickets on the server: a tenant's admin opens a ticket and replies on their
//! instance's host, the operator answers and closes on the platform's; every message mails the
//! other side. Each write is one transaction that claims the ticket's row first, so messages
//! written at once are all kept, in order, and the status follows the last one.
pub mod input;
pub mod mail;
pub mod read;
pub mod status;
pub mod write;

use super::portal;
use super::state::AppState;
use crate::domain::Role;
use crate::error::Result;
use crate::wire::auth::UserView;

/// The state, the tenant of this instance host and its logged-in admin (another member: 403;
/// anyone else: 404; no login: 401), for the portal's ticket functions.
pub async fn tenant_admin() -> Result<(AppState, i64, UserView)> {
    portal::member(&[Role::TenantAdmin]).await
}
