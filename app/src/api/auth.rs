//! Login, logout and "who am I".
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::Role;
use crate::error::AppError;
pub use crate::wire::auth::UserView;

/// Logs in on the current host: operators on the storefront host, tenant admins on their instance.
#[server]
pub async fn login(email: String, password: String) -> Result<UserView, AppError> {
    use crate::backend::{auth, context};
    let result = async {
        let st = context::state()?;
        let session = context::session().await?;
        let host = context::host_kind()?;
        let user = auth::login(
            &st,
            &session,
            &host,
            &context::client_ip(&st),
            &email,
            password,
        )
        .await?;
        // The language chosen with this account follows it to this browser.
        if let Some(locale) = crate::backend::language::chosen(&st.pool, user.id).await? {
            crate::api::language::set_cookie(&st, locale);
        }
        // A tenant's plain user has no portal: their account page is where they land.
        leptos_axum::redirect(match user.role {
            Role::Operator => "/operator",
            Role::TenantUser => "/account",
            _ => "/portal",
        });
        Ok(user)
    }
    .await;
    context::finish(result, Some(("/login", &[("email", email.as_str())])))
}

/// Ends the session and returns to the home page.
#[server]
pub async fn logout() -> Result<(), AppError> {
    use crate::backend::{auth, context};
    let session = context::session().await?;
    auth::logout(&session).await?;
    leptos_axum::redirect("/login");
    Ok(())
}

/// The logged-in user, if any.
#[server]
pub async fn me() -> Result<Option<UserView>, AppError> {
    use crate::backend::{auth, context};
    let st = context::state()?;
    let session = context::session().await?;
    auth::current_user(&st, &session, &context::host_kind()?).await
}
