//! Forgotten passwords: asking for a reset link, and setting a new password with it. Plain form
//! posts come back to their page (with the error, or with what happened).
use leptos::prelude::*;

use crate::error::AppError;

/// Mails a reset link if the address has an account on this host; answers the same either way.
#[server]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::backend::{context, password_resets};
    let result = async {
        let st = context::state()?;
        let host = context::host_kind()?;
        password_resets::request(&st, &host, &email, context::request_locale()).await
    }
    .await;
    context::finish_then(
        result,
        "/forgot-password?sent=1",
        ("/forgot-password", &[("email", email.as_str())]),
    )
}

/// Sets a new password with a reset link's code, then sends the browser to the login.
#[server]
pub async fn reset_password(code: String, password: String) -> Result<(), AppError> {
    use crate::backend::{context, password_resets};
    let result = async {
        let st = context::state()?;
        let host = context::host_kind()?;
        password_resets::reset(&st, &host, &code, &password, context::request_locale()).await
    }
    .await;
    if result.is_ok() {
        leptos_axum::redirect("/login?reset=1");
    }
    context::finish(
        result,
        Some(("/reset-password", &[("code", code.as_str())])),
    )
}
