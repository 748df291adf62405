//! The logged-in user's own account: changing the password (the current one is checked and
//! throttled like a login). A change ends the account's other sessions and keeps this one.
use tower_sessions::Session;

use super::auth::{self, SessionUser};
use super::host::HostKind;
use super::state::AppState;
use super::throttle;
use crate::domain::Password;
use crate::error::{AppError, Result};
use crate::i18n::{tr, Locale};
use crate::wire::auth::UserView;

/// Changes the password of this session's user after checking `current`; every other session of
/// the account ends.
pub async fn change_password(
    st: &AppState,
    session: &Session,
    host: &HostKind,
    ip: &str,
    current: String,
    new: &str,
    locale: Locale,
) -> Result<UserView> {
    let user = auth::current_user(st, session, host)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let new = Password::parse(new)
        .map_err(|e| AppError::Invalid(e.to_string()).in_field("new_password"))?;
    let now = st.now();
    let account = format!("{}:{}", auth::scope_of(host), user.email);
    let claim = throttle::claim(&st.pool, now, &account, ip).await?;
    let (hash,): (String,) = sqlx::query_as("SELECT password_hash FROM users WHERE id = $1")
        .bind(user.id)
        .fetch_one(&st.pool)
        .await?;
    if !st.passwords.verify(current, hash).await.unwrap_or(false) {
        throttle::record(&st.pool, now, &user.email, ip, false).await?;
        return Err(
            AppError::Invalid(tr(locale, "account-error-current")).in_field("current_password")
        );
    }
    claim.succeeded(&st.pool).await?;
    let hash = st.passwords.hash(new.expose().to_string()).await?;
    let (epoch,): (i64,) = sqlx::query_as(
        "UPDATE users SET password_hash = $1, session_epoch = session_epoch + 1 WHERE id = $2 \
         RETURNING session_epoch",
    )
    .bind(hash)
    .bind(user.id)
    .fetch_one(&st.pool)
    .await?;
    // This session carries on with the new epoch; the others no longer match it.
    if let Some(mut su) = session.get::<SessionUser>(auth::SESSION_USER).await? {
        su.epoch = epoch;
        session.insert(auth::SESSION_USER, su).await?;
    }
    // A tenant's member signs in to the instance with the same password.
    if let Some(tenant_id) = user.tenant_id {
        super::members::instance::sync_logged(st, tenant_id, user.id).await;
    }
    Ok(user)
}
