//! The login's second step. After the right password the session is not logged in: it holds a
//! marker for five minutes naming the account, and only a code (the app's, or a recovery code)
//! typed on [`PAGE`] makes it the account's session. Wrong codes count like wrong passwords.
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::super::auth::{self, scope_of, UserRow, SESSION_USER};
use super::super::host::HostKind;
use super::super::state::AppState;
use super::super::throttle;
use super::codes;
use crate::domain::two_factor::{SecondFactor, PENDING_MINUTES};
use crate::error::{AppError, Result};
use crate::i18n::{tr, Locale};
use crate::wire::auth::UserView;

/// The page of the second step.
pub const PAGE: &str = "/login/two-factor";
const PENDING: &str = "pending_second_factor";

/// What the session remembers between the password and the code.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Pending {
    user_id: i64,
    scope: String,
    epoch: i64,
    /// Unix seconds after which the password must be typed again.
    until: i64,
}

/// The password was right: the session (under a fresh id, and no longer anyone's) waits for the
/// account's second factor.
pub(crate) async fn await_second_factor(
    session: &Session,
    host: &HostKind,
    now: DateTime<Utc>,
    user: &UserRow,
) -> Result<()> {
    session.cycle_id().await?;
    session.remove_value(SESSION_USER).await?;
    session
        .insert(
            PENDING,
            Pending {
                user_id: user.id,
                scope: scope_of(host),
                epoch: user.session_epoch,
                until: (now + Duration::minutes(PENDING_MINUTES)).timestamp(),
            },
        )
        .await?;
    Ok(())
}

/// Logs the waiting session in with `typed` (the app's code or a recovery code).
pub async fn complete(
    st: &AppState,
    session: &Session,
    host: &HostKind,
    ip: &str,
    typed: &str,
    locale: Locale,
) -> Result<UserView> {
    let now = st.now();
    let expired = || AppError::Invalid(tr(locale, "two-factor-error-expired"));
    let pending = session.get::<Pending>(PENDING).await?;
    let Some(pending) = pending.filter(|p| p.scope == scope_of(host)) else {
        return Err(expired());
    };
    let user = match auth::active_user(&st.pool, pending.user_id, pending.epoch).await? {
        Some(user) if now.timestamp() <= pending.until => user,
        _ => {
            session.remove_value(PENDING).await?;
            return Err(expired());
        }
    };
    let factor = SecondFactor::parse(typed)
        .map_err(|_| AppError::Invalid(tr(locale, "two-factor-error-format")).in_field("code"))?;
    let account = format!("{}:{}", pending.scope, user.email);
    let claim = throttle::claim(&st.pool, now, &account, ip).await?;
    if !codes::accept(&st.pool, user.id, &factor, now).await? {
        throttle::record(&st.pool, now, &user.email, ip, false).await?;
        return Err(AppError::Invalid(tr(locale, "two-factor-error-code")).in_field("code"));
    }
    claim.succeeded(&st.pool).await?;
    throttle::record(&st.pool, now, &user.email, ip, true).await?;
    session.remove_value(PENDING).await?;
    auth::begin_session(session, host, now, &user).await?;
    user.view()
}
