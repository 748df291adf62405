//! Two-factor sign-in (TOTP, RFC 6238) for every account on its own host: enrolment with a QR
//! code, ten one-time recovery codes stored as digests, the second step of the login, and the
//! operator's setting that makes it compulsory for operators. Every code typed is counted by the
//! login throttle, like a password.
pub mod codes;
pub mod enrolment;
pub mod login;
pub mod secret;
pub mod settings;

use sqlx::AnyPool;
use tower_sessions::Session;

use super::state::AppState;
use crate::domain::two_factor::TwoFactorState;
use crate::domain::Role;
use crate::error::Result;
use crate::wire::auth::UserView;
use crate::wire::two_factor::{Enrolment, TwoFactorView};

/// Recovery codes kept in the session for the page after a plain form post, shown once.
const FRESH_CODES: &str = "two_factor_fresh_codes";

/// The state of the account's two-factor sign-in, if it was started.
pub async fn state_of(pool: &AnyPool, user_id: i64) -> Result<Option<TwoFactorState>> {
    let row: Option<(TwoFactorState,)> =
        sqlx::query_as("SELECT state FROM two_factor WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(s,)| s))
}

/// Whether login asks this account for a code.
pub async fn is_enabled(pool: &AnyPool, user_id: i64) -> Result<bool> {
    Ok(state_of(pool, user_id).await? == Some(TwoFactorState::Enabled))
}

/// What the account's page shows; the recovery codes kept for it are shown this once.
pub async fn view(st: &AppState, session: &Session, user: &UserView) -> Result<TwoFactorView> {
    let state = state_of(&st.pool, user.id).await?;
    let enrolment = match state {
        Some(TwoFactorState::Pending) => {
            let secret = secret::pending_secret(&st.pool, user.id).await?;
            secret
                .map(|s| -> Result<Enrolment> {
                    let uri = secret::otpauth_uri(&s, &user.email);
                    Ok(Enrolment {
                        qr_svg: secret::qr_svg(&uri)?,
                        uri,
                        secret: s,
                    })
                })
                .transpose()?
        }
        _ => None,
    };
    let fresh_codes = session
        .remove::<Vec<String>>(FRESH_CODES)
        .await?
        .unwrap_or_default();
    Ok(TwoFactorView {
        state,
        enrolment,
        recovery_codes_left: codes::recovery_codes_left(&st.pool, user.id).await?,
        fresh_codes,
        is_operator: user.role == Role::Operator,
        required_for_operators: settings::required_for_operators(&st.pool).await?,
    })
}

/// Keeps new recovery codes for the next page view (a plain form post is answered with a
/// redirect, so the codes cannot travel in the answer).
pub async fn keep_to_show(session: &Session, codes: &[String]) -> Result<()> {
    session.insert(FRESH_CODES, codes.to_vec()).await?;
    Ok(())
}
