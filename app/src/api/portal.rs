//! The tenant admin's self-service portal.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::TenantState;
use crate::error::AppError;

/// A user of the instance itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceUserView {
    /// Email.
    pub email: String,
    /// Name.
    pub full_name: String,
    /// admin or user.
    pub role: String,
}

/// The portal's overview of one instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalView {
    /// Instance name.
    pub name: String,
    /// Instance address.
    pub instance_url: String,
    /// Customer company.
    pub company: String,
    /// Where the tenant is in its lifecycle.
    pub state: TenantState,
    /// Plan name.
    pub plan_name: String,
    /// Plan price.
    pub price_label: String,
    /// Users included in the licence.
    pub included_users: i64,
    /// Trial end date (YYYY-MM-DD) while on trial.
    pub trial_ends_at: Option<String>,
    /// The instance's users.
    pub users: Vec<InstanceUserView>,
    /// Installed modules.
    pub modules: Vec<String>,
}

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
