//! Checking what was typed: an app's code is accepted once (the step it belongs to must be later
//! than the last one accepted), a recovery code once ever. Each is one conditional update, so of
//! any number of uses at once exactly one wins.
use chrono::{DateTime, Utc};
use sqlx::{AnyConnection, AnyPool};

use super::super::db::ts;
use super::super::one_time;
use super::secret;
use crate::domain::two_factor::{
    show_recovery_code, SecondFactor, TwoFactorState, RECOVERY_CODES, RECOVERY_CODE_LEN,
};
use crate::error::Result;

/// Whether `factor` lets this account with two-factor sign-in enabled in, using it up.
pub async fn accept(
    pool: &AnyPool,
    user_id: i64,
    factor: &SecondFactor,
    now: DateTime<Utc>,
) -> Result<bool> {
    match factor {
        SecondFactor::Code(code) => accept_app_code(pool, user_id, code, now).await,
        SecondFactor::Recovery(code) => {
            let used = sqlx::query(
                "UPDATE two_factor_recovery_codes SET used_at = $1 \
                 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
            )
            .bind(ts(now))
            .bind(user_id)
            .bind(one_time::digest(code))
            .execute(pool)
            .await?;
            Ok(used.rows_affected() == 1)
        }
    }
}

/// Whether `code` is the app's code for now (or a neighbouring step) and was not used before.
pub async fn accept_app_code(
    pool: &AnyPool,
    user_id: i64,
    code: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let Some(secret) = secret::secret_in_state(pool, user_id, TwoFactorState::Enabled).await?
    else {
        return Ok(false);
    };
    let Some(step) = secret::matching_step(&secret, code, now)? else {
        return Ok(false);
    };
    // Only a later step than the last accepted: a code seen over a shoulder is worth nothing.
    let moved = sqlx::query(
        "UPDATE two_factor SET last_step = $1 \
         WHERE user_id = $2 AND state = $3 AND (last_step IS NULL OR last_step < $1)",
    )
    .bind(step)
    .bind(user_id)
    .bind(TwoFactorState::Enabled)
    .execute(pool)
    .await?;
    Ok(moved.rows_affected() == 1)
}

/// Replaces the account's recovery codes with ten new ones (inside the caller's transaction);
/// answers them as shown to the person, the only time they exist outside a digest.
pub async fn replace_recovery_codes(
    conn: &mut AnyConnection,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<String>> {
    sqlx::query("DELETE FROM two_factor_recovery_codes WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    let mut shown = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        // Lower case only: read off paper and typed back in any case.
        let code = one_time::code(RECOVERY_CODE_LEN).to_ascii_lowercase();
        sqlx::query(
            "INSERT INTO two_factor_recovery_codes (user_id, code_hash, created_at) VALUES ($1, $2, $3)",
        )
        .bind(user_id)
        .bind(one_time::digest(&code))
        .bind(ts(now))
        .execute(&mut *conn)
        .await?;
        shown.push(show_recovery_code(&code));
    }
    Ok(shown)
}

/// The account's unused recovery codes.
pub async fn recovery_codes_left(pool: &AnyPool, user_id: i64) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM two_factor_recovery_codes WHERE user_id = $1 AND used_at IS NULL",
    )
    .bind(user_id)
    .fetch_one(pool)
    .await?;
    Ok(n)
}
