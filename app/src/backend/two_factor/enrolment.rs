//! Turning two-factor sign-in on and off for the logged-in account: start (a new secret),
//! confirm with the app's first code (the recovery codes are made), renew the recovery codes and
//! turn it off (both need the password or a current code). Every code or password typed here is
//! counted by the login throttle.
use super::super::auth::scope_of;
use super::super::db::{begin, ts};
use super::super::host::HostKind;
use super::super::state::AppState;
use super::super::throttle;
use super::{codes, secret};
use crate::domain::two_factor::{SecondFactor, TwoFactorState};
use crate::error::{AppError, Result};
use crate::i18n::{tr, Locale};
use crate::wire::auth::UserView;

/// Makes a new secret for the account; a pending enrolment starts over, an enabled one is
/// refused (turn it off first).
pub async fn start(st: &AppState, user: &UserView, locale: Locale) -> Result<()> {
    let started = sqlx::query(
        "INSERT INTO two_factor (user_id, secret, state, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at \
         WHERE two_factor.state = $3",
    )
    .bind(user.id)
    .bind(secret::new_secret())
    .bind(TwoFactorState::Pending)
    .bind(ts(st.now()))
    .execute(&st.pool)
    .await?;
    if started.rows_affected() == 0 {
        return Err(AppError::Conflict(tr(locale, "two-factor-error-already")));
    }
    Ok(())
}

/// Who is typing where, for the throttle and the messages.
pub struct Caller {
    /// The host the account belongs to.
    pub host: HostKind,
    /// The client's address.
    pub ip: String,
    /// The language of the messages.
    pub locale: Locale,
}

/// Turns two-factor sign-in on with the app's current code; answers the ten recovery codes.
pub async fn confirm(
    st: &AppState,
    user: &UserView,
    caller: &Caller,
    code: &str,
) -> Result<Vec<String>> {
    let wrong = || AppError::Invalid(tr(caller.locale, "two-factor-error-code")).in_field("code");
    let Ok(SecondFactor::Code(code)) = SecondFactor::parse(code) else {
        return Err(wrong());
    };
    let Some(secret) = secret::pending_secret(&st.pool, user.id).await? else {
        return Err(AppError::Conflict(tr(
            caller.locale,
            "two-factor-error-not-started",
        )));
    };
    let now = st.now();
    let claim = claim(st, user, caller).await?;
    let Some(step) = secret::matching_step(&secret, &code, now)? else {
        throttle::record(&st.pool, now, &user.email, &caller.ip, false).await?;
        return Err(wrong());
    };
    let mut tx = begin(&st.pool).await?;
    // The secret the code was checked against must still be the pending one (not restarted).
    let enabled = sqlx::query(
        "UPDATE two_factor SET state = $1, enabled_at = $2, last_step = $3 \
         WHERE user_id = $4 AND state = $5 AND secret = $6",
    )
    .bind(TwoFactorState::Enabled)
    .bind(ts(now))
    .bind(step)
    .bind(user.id)
    .bind(TwoFactorState::Pending)
    .bind(&secret)
    .execute(&mut *tx)
    .await?;
    if enabled.rows_affected() == 0 {
        return Err(AppError::Conflict(tr(
            caller.locale,
            "two-factor-error-not-started",
        )));
    }
    let shown = codes::replace_recovery_codes(&mut tx, user.id, now).await?;
    tx.commit().await?;
    claim.succeeded(&st.pool).await?;
    throttle::record(&st.pool, now, &user.email, &caller.ip, true).await?;
    Ok(shown)
}

/// New recovery codes in place of the old ones, after the password or a current code.
pub async fn renew_recovery_codes(
    st: &AppState,
    user: &UserView,
    caller: &Caller,
    proof: String,
) -> Result<Vec<String>> {
    prove(st, user, caller, proof).await?;
    let mut tx = begin(&st.pool).await?;
    let (enabled,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM two_factor WHERE user_id = $1 AND state = $2")
            .bind(user.id)
            .bind(TwoFactorState::Enabled)
            .fetch_one(&mut *tx)
            .await?;
    if enabled == 0 {
        return Err(AppError::Conflict(tr(
            caller.locale,
            "two-factor-error-not-on",
        )));
    }
    let shown = codes::replace_recovery_codes(&mut tx, user.id, st.now()).await?;
    tx.commit().await?;
    Ok(shown)
}

/// Turns two-factor sign-in off (or drops a pending enrolment), after the password or a
/// current code; the recovery codes go with it.
pub async fn disable(st: &AppState, user: &UserView, caller: &Caller, proof: String) -> Result<()> {
    prove(st, user, caller, proof).await?;
    let mut tx = begin(&st.pool).await?;
    for table in ["two_factor_recovery_codes", "two_factor"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE user_id = $1"))
            .bind(user.id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Counts an attempt against the account's login throttle (the same counters as its password).
async fn claim(st: &AppState, user: &UserView, caller: &Caller) -> Result<throttle::Claim> {
    let account = format!("{}:{}", scope_of(&caller.host), user.email);
    throttle::claim(&st.pool, st.now(), &account, &caller.ip).await
}

/// Checks `proof`: six digits are the app's current code, anything else the password (which is
/// at least ten characters). A recovery code is not enough to change the second factor.
async fn prove(st: &AppState, user: &UserView, caller: &Caller, proof: String) -> Result<()> {
    let now = st.now();
    let claim = claim(st, user, caller).await?;
    let proven = match SecondFactor::parse(&proof) {
        Ok(SecondFactor::Code(code)) => {
            codes::accept_app_code(&st.pool, user.id, &code, now).await?
        }
        _ => {
            let (hash,): (String,) =
                sqlx::query_as("SELECT password_hash FROM users WHERE id = $1")
                    .bind(user.id)
                    .fetch_one(&st.pool)
                    .await?;
            st.passwords.verify(proof, hash).await.unwrap_or(false)
        }
    };
    throttle::record(&st.pool, now, &user.email, &caller.ip, proven).await?;
    if !proven {
        return Err(
            AppError::Invalid(tr(caller.locale, "two-factor-error-proof")).in_field("proof"),
        );
    }
    claim.succeeded(&st.pool).await
}
