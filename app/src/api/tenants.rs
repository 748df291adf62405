//! Tenants: the operator's tenant page and actions, and the page an instance's host shows while
//! the instance is paused.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::tenants::{
    PausedView, TenantAction, TenantDetailView, TenantListRow, TenantListView,
};

/// A page of the tenants matching a search (instance name, company or email) and filters
/// (state, plan, health), for operators.
#[server]
pub async fn list_tenants(
    #[server(default)] q: String,
    #[server(default)] state: String,
    #[server(default)] plan: String,
    #[server(default)] health: String,
    #[server(default)] page: Option<u32>,
) -> Result<TenantListView, AppError> {
    use crate::backend::{context, tenants};
    context::as_operator(None, |st, _| async move {
        let filter = tenants::list::Filter::parse(&q, &state, &plan, &health)?;
        tenants::list::list(&st, &filter, page.unwrap_or(1)).await
    })
    .await
}

/// One tenant, for operators.
#[server]
pub async fn tenant_detail(tenant_id: i64) -> Result<TenantDetailView, AppError> {
    use crate::backend::{context, tenants};
    context::as_operator(None, |st, _| async move {
        tenants::detail::load(&st, tenant_id).await
    })
    .await
}

/// An operator's action on a tenant, with a reason; `days` for an extension, `confirm` (the
/// instance's name) for a termination.
#[server]
pub async fn act_on_tenant(
    tenant_id: i64,
    action: TenantAction,
    reason: String,
    #[server(default)] days: Option<i64>,
    #[server(default)] confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::context;
    use crate::backend::tenants::actions::{act, Action};
    let back = format!("/operator/tenants/{tenant_id}");
    context::as_operator(Some((&back, &[])), |st, operator| async move {
        let action = match action {
            TenantAction::Suspend => Action::Suspend,
            TenantAction::Resume => Action::Resume,
            TenantAction::Extend => Action::Extend {
                days: days.unwrap_or(0),
            },
            TenantAction::Archive => Action::Archive,
            TenantAction::Restore => Action::Restore,
            TenantAction::Terminate => Action::Terminate {
                confirm: confirm.unwrap_or_default(),
            },
        };
        act(&st, tenant_id, &operator.email, action, &reason).await?;
        Ok(())
    })
    .await
}

/// Why this instance is paused (on its own host); not found while it runs.
#[server]
pub async fn paused_instance() -> Result<PausedView, AppError> {
    use crate::backend::{context, tenants};
    let result = async {
        let name = context::require_instance_host()?;
        let st = context::state()?;
        tenants::paused::view(&st, &name, context::request_locale()).await
    }
    .await;
    context::finish(result, None)
}
