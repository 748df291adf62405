//! The portal's Users page: the tenant's members and invitations, for its admins; and the page
//! an invitation's link opens. Plain form posts come back to their page with what went wrong.
use leptos::prelude::*;

use crate::domain::members::MemberChange;
use crate::domain::Role;
use crate::error::AppError;
pub use crate::wire::members::{InvitationLanding, InvitationView, MemberView, MembersView};

#[cfg(feature = "ssr")]
async fn admin() -> Result<
    (
        crate::backend::state::AppState,
        i64,
        crate::wire::auth::UserView,
    ),
    AppError,
> {
    crate::backend::portal::member(&[Role::TenantAdmin]).await
}

#[cfg(feature = "ssr")]
fn done<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    crate::backend::context::finish_then(result, "/portal/members", ("/portal/members", &[]))
}

/// Page `page` (from 1) of the Users page of this instance.
#[server]
pub async fn members_overview(page: Option<u32>) -> Result<MembersView, AppError> {
    use crate::backend::{context, members};
    let result = async {
        let (st, tenant_id, me) = admin().await?;
        members::view(
            &st,
            tenant_id,
            me.id,
            page.unwrap_or(1),
            context::request_locale(),
        )
        .await
    }
    .await;
    context::finish(result, None)
}

/// Invites `email` with `role`; refused when every seat of the licence is taken.
#[server]
pub async fn invite_member(email: String, role: Role) -> Result<(), AppError> {
    use crate::backend::members::invitations;
    let result = async {
        let (st, tenant_id, me) = admin().await?;
        invitations::invite(&st, tenant_id, me.id, &me.email, &email, role).await
    }
    .await;
    done(result)
}

/// Sends invitation `id` again with a new link.
#[server]
pub async fn resend_invitation(id: i64) -> Result<(), AppError> {
    use crate::backend::members::invitations;
    let result = async {
        let (st, tenant_id, me) = admin().await?;
        invitations::resend(&st, tenant_id, &me.email, id).await
    }
    .await;
    done(result)
}

/// Takes invitation `id` back.
#[server]
pub async fn revoke_invitation(id: i64) -> Result<(), AppError> {
    use crate::backend::members::invitations;
    let result = async {
        let (st, tenant_id, me) = admin().await?;
        invitations::revoke(&st, tenant_id, &me.email, id).await
    }
    .await;
    done(result)
}

/// Gives member `id` the role `role`.
#[server]
pub async fn set_member_role(id: i64, role: Role) -> Result<(), AppError> {
    use crate::backend::members::changes;
    let result = async {
        let (st, tenant_id, me) = admin().await?;
        changes::set_role(&st, tenant_id, &me.email, id, role).await
    }
    .await;
    done(result)
}

/// Deactivates, reactivates or removes member `id`.
#[server]
pub async fn change_member(id: i64, change: MemberChange) -> Result<(), AppError> {
    use crate::backend::members::changes;
    let result = async {
        let (st, tenant_id, me) = admin().await?;
        changes::change(&st, tenant_id, &me.email, id, change).await
    }
    .await;
    done(result)
}

/// What the invitation with `code` invites to, on this instance.
#[server]
pub async fn open_invitation(code: String) -> Result<InvitationLanding, AppError> {
    use crate::backend::members::invitations;
    use crate::backend::{context, portal};
    let result = async {
        let st = context::state()?;
        let tenant_id = portal::tenant_id_by_name(&st, &context::require_instance_host()?).await?;
        invitations::landing(&st, tenant_id, &code).await
    }
    .await;
    context::finish(result, None)
}

/// Accepts the invitation with `code`: sets the member's name and password, then sends them to
/// the login.
#[server]
pub async fn accept_invitation(
    code: String,
    full_name: String,
    password: String,
) -> Result<(), AppError> {
    use crate::backend::members::invitations;
    use crate::backend::{context, portal};
    let result = async {
        let st = context::state()?;
        let tenant_id = portal::tenant_id_by_name(&st, &context::require_instance_host()?).await?;
        invitations::accept(&st, tenant_id, &code, &full_name, &password).await
    }
    .await;
    if result.is_ok() {
        leptos_axum::redirect("/login?joined=1");
    }
    context::finish(
        result,
        Some((
            "/invitation",
            &[("code", code.as_str()), ("full_name", full_name.as_str())],
        )),
    )
}
