//! Login, logout and "who am I".
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::Role;
use crate::error::AppError;

/// A user as pages see them (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    /// User id.
    pub id: i64,
    /// Login email.
    pub email: String,
    /// Display name.
    pub full_name: String,
    /// What the user may do.
    pub role: Role,
    /// The tenant of an admin or tenant user.
    pub tenant_id: Option<i64>,
}

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
        leptos_axum::redirect(if user.role == Role::Operator {
            "/operator"
        } else {
            "/portal"
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
