//! The tenant admin's self-service portal.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::portal::{InstanceUserView, PortalView};

/// The overview of the instance this host serves, for its admin only.
#[server]
pub async fn portal_overview() -> Result<PortalView, AppError> {
    use crate::backend::{auth, context, portal};
    let result = async {
        let st = context::state()?;
        let session = context::session().await?;
        let name = context::require_instance_host()?;
        let tenant_id = portal::tenant_id_by_name(&st, &name).await?;
        auth::require_tenant_admin(&st, &session, &context::host_kind()?, tenant_id).await?;
        portal::overview(&st, tenant_id).await
    }
    .await;
    context::finish(result, None)
}
