//! Login (with its second step for accounts with two-factor sign-in), logout and "who am I".
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::auth::{LoginStep, UserView};

/// Logs in on the current host: operators on the storefront host, tenant admins on their instance.
/// An account with two-factor sign-in is sent to the code's page instead, not yet logged in.
#[server]
pub async fn login(email: String, password: String) -> Result<LoginStep, AppError> {
    use crate::backend::{auth, context};
    let result = async {
        let st = context::state()?;
        let session = context::session().await?;
        let host = context::host_kind()?;
        let step = auth::login(
            &st,
            &session,
            &host,
            &context::client_ip(&st),
            &email,
            password,
        )
        .await?;
        match &step {
            LoginStep::LoggedIn(user) => land(&st, user).await?,
            LoginStep::SecondFactor { second_factor } => leptos_axum::redirect(second_factor),
        }
        Ok(step)
    }
    .await;
    context::finish(result, Some(("/login", &[("email", email.as_str())])))
}

/// Where a fresh login goes: the account's language follows it to this browser, and the page is
/// the role's (an operator who must first set up two-factor sign-in goes there).
#[cfg(feature = "ssr")]
pub(crate) async fn land(
    st: &crate::backend::state::AppState,
    user: &UserView,
) -> Result<(), AppError> {
    use crate::backend::two_factor::settings::operator_must_enrol;
    use crate::domain::Role;
    if let Some(locale) = crate::backend::language::chosen(&st.pool, user.id).await? {
        crate::api::language::set_cookie(st, locale);
    }
    // A tenant's plain user has no portal: their account page is where they land.
    leptos_axum::redirect(match user.role {
        Role::Operator if operator_must_enrol(&st.pool, user.id).await? => "/account/two-factor",
        Role::Operator => "/operator",
        Role::TenantUser => "/account",
        _ => "/portal",
    });
    Ok(())
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
