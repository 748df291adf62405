//! The tenant admin's self-service portal.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::portal::{InstanceUserView, PortalLanding, PortalView};

/// What `/portal` shows on this address. On the storefront's, the instance named in `instance`
/// is looked up: its portal's address when it exists, else why not. (A link, not a redirect: the
/// Content-Security-Policy's `form-action 'self'` stops a form's redirect to another host.)
#[server]
pub async fn portal_home(instance: Option<String>) -> Result<PortalLanding, AppError> {
    use crate::backend::host::HostKind;
    use crate::backend::{context, portal};
    use crate::domain::instance_name::InstanceName;
    let st = context::state()?;
    if let HostKind::Instance(_) = context::host_kind()? {
        return Ok(PortalLanding::Instance);
    }
    let asked = instance.unwrap_or_default();
    let (mut error, mut found) = (None, None);
    if !asked.trim().is_empty() {
        match InstanceName::parse(&asked) {
            Err(e) => error = Some(e.to_string()),
            Ok(name) => match portal::tenant_id_by_name(&st, name.as_str()).await {
                Ok(_) => found = Some(format!("{}/portal", st.config.instance_url(name.as_str()))),
                Err(AppError::NotFound) => {
                    error = Some(format!("There is no instance called \"{name}\"."))
                }
                Err(e) => return Err(e),
            },
        }
    }
    Ok(PortalLanding::Finder {
        suffix: st.config.instance_suffix(),
        error,
        asked,
        found,
    })
}

/// The overview of the instance this host serves, for its admins and billing contacts.
#[server]
pub async fn portal_overview() -> Result<PortalView, AppError> {
    use crate::backend::{context, portal};
    use crate::domain::Role;
    let result = async {
        let (st, tenant_id, _) = portal::member(&Role::BILLING).await?;
        portal::overview(&st, tenant_id).await
    }
    .await;
    context::finish(result, None)
}
