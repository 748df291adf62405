//! Support tickets on the server: a tenant's admin opens a ticket and replies on their
//! instance's host, the operator answers and closes on the platform's; every message mails the
//! other side. Each write is one transaction that claims the ticket's row first, so messages
//! written at once are all kept, in order, and the status follows the last one.
pub mod input;
pub mod mail;
pub mod read;
pub mod status;
pub mod write;

use super::state::AppState;
use super::{auth, context, portal};
use crate::error::Result;
use crate::wire::auth::UserView;

/// The state, the tenant of this instance host and its logged-in admin (anyone else: 404; no
/// login: 401), for the portal's ticket functions.
pub async fn tenant_admin() -> Result<(AppState, i64, UserView)> {
    let st = context::state()?;
    let session = context::session().await?;
    let name = context::require_instance_host()?;
    let tenant_id = portal::tenant_id_by_name(&st, &name).await?;
    let user = auth::require_tenant_admin(&st, &session, &context::host_kind()?, tenant_id).await?;
    Ok((st, tenant_id, user))
}
