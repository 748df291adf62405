//! Two-factor sign-in: the logged-in account enrols, renews its recovery codes or turns it off;
//! the login's second step; the operator's requirement. A plain form post comes back to its page
//! saying it is done or what was wrong.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::auth::UserView;
pub use crate::wire::two_factor::TwoFactorView;

/// The page of the account's two-factor sign-in.
pub const PAGE: &str = "/account/two-factor";

/// The state, the session, its logged-in account and who is calling from where.
#[cfg(feature = "ssr")]
async fn account() -> Result<
    (
        crate::backend::state::AppState,
        tower_sessions::Session,
        UserView,
        crate::backend::two_factor::enrolment::Caller,
    ),
    AppError,
> {
    use crate::backend::{auth, context};
    let st = context::state()?;
    let session = context::session().await?;
    let host = context::host_kind()?;
    let user = auth::current_user(&st, &session, &host)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let caller = crate::backend::two_factor::enrolment::Caller {
        host,
        ip: context::client_ip(&st),
        locale: context::request_locale(),
    };
    Ok((st, session, user, caller))
}

/// The account's two-factor sign-in as its page shows it.
#[server]
pub async fn two_factor_status() -> Result<TwoFactorView, AppError> {
    use crate::backend::{context, two_factor};
    let result = async {
        let (st, session, user, _) = account().await?;
        two_factor::view(&st, &session, &user).await
    }
    .await;
    context::finish(result, None)
}

/// Makes a new secret to put into the app (a pending enrolment starts over).
#[server]
pub async fn start_two_factor() -> Result<(), AppError> {
    use crate::backend::{context, two_factor::enrolment};
    let result = async {
        let (st, _, user, caller) = account().await?;
        enrolment::start(&st, &user, caller.locale).await
    }
    .await;
    context::finish_then(result, PAGE, (PAGE, &[]))
}

/// Turns two-factor sign-in on with the app's current code; answers the recovery codes.
#[server]
pub async fn confirm_two_factor(code: String) -> Result<Vec<String>, AppError> {
    use crate::backend::{context, two_factor};
    use two_factor::enrolment;
    let result = async {
        let (st, session, user, caller) = account().await?;
        let codes = enrolment::confirm(&st, &user, &caller, &code).await?;
        show_after_plain_post(&session, &codes, "?enabled=1").await?;
        Ok(codes)
    }
    .await;
    context::finish(result, Some((PAGE, &[])))
}

/// Replaces the recovery codes after the password or a current code; answers the new ones.
#[server]
pub async fn renew_recovery_codes(proof: String) -> Result<Vec<String>, AppError> {
    use crate::backend::{context, two_factor};
    use two_factor::enrolment;
    let result = async {
        let (st, session, user, caller) = account().await?;
        let codes = enrolment::renew_recovery_codes(&st, &user, &caller, proof).await?;
        show_after_plain_post(&session, &codes, "?renewed=1").await?;
        Ok(codes)
    }
    .await;
    context::finish(result, Some((PAGE, &[])))
}

/// Without JavaScript the codes are shown by the page the browser is sent back to.
#[cfg(feature = "ssr")]
async fn show_after_plain_post(
    session: &tower_sessions::Session,
    codes: &[String],
    query: &str,
) -> Result<(), AppError> {
    use crate::backend::{context, two_factor};
    if context::is_plain_form_post() {
        two_factor::keep_to_show(session, codes).await?;
        leptos_axum::redirect(&format!("{PAGE}{query}"));
    }
    Ok(())
}

/// Turns two-factor sign-in off after the password or a current code.
#[server]
pub async fn disable_two_factor(proof: String) -> Result<(), AppError> {
    use crate::backend::{context, two_factor};
    use two_factor::enrolment;
    let result = async {
        let (st, _, user, caller) = account().await?;
        enrolment::disable(&st, &user, &caller, proof).await
    }
    .await;
    context::finish_then(result, &format!("{PAGE}?disabled=1"), (PAGE, &[]))
}

/// The login's second step: the app's code or a recovery code logs the waiting session in, and
/// the browser goes where the login would have sent it.
#[server]
pub async fn login_two_factor(code: String) -> Result<UserView, AppError> {
    use crate::backend::{context, two_factor};
    let result = async {
        let st = context::state()?;
        let session = context::session().await?;
        let host = context::host_kind()?;
        let ip = context::client_ip(&st);
        let locale = context::request_locale();
        let user = two_factor::login::complete(&st, &session, &host, &ip, &code, locale).await?;
        crate::api::auth::land(&st, &user).await?;
        Ok(user)
    }
    .await;
    context::finish(result, Some((two_factor::login::PAGE, &[])))
}

/// The operator turns "operators must use two-factor sign-in" on (`required` present) or off.
#[server]
pub async fn require_two_factor(required: Option<String>) -> Result<(), AppError> {
    use crate::backend::{context, two_factor::settings};
    let locale = context::request_locale();
    let result = context::as_operator(Some((PAGE, &[])), |st, operator| async move {
        settings::set_required(&st, &operator, required.is_some(), locale).await
    })
    .await;
    if result.is_ok() && context::is_plain_form_post() {
        leptos_axum::redirect(&format!("{PAGE}?saved=1"));
    }
    result
}
