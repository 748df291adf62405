//! Failed-login throttling per account and per address, kept in the shared database.
use chrono::{DateTime, Duration, Utc};
use sqlx::AnyPool;

use super::db::ts;
use crate::error::{AppError, Result};

/// Failed logins allowed per account within the window.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// Failed logins allowed per network address within the window.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
/// How far back failures count.
pub const WINDOW_MINUTES: i64 = 15;

/// Refuses with 429 when the account or the address failed too often recently.
pub async fn check(pool: &AnyPool, now: DateTime<Utc>, email: &str, ip: &str) -> Result<()> {
    let since = ts(now - Duration::minutes(WINDOW_MINUTES));
    let (by_email,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM login_attempts WHERE email = $1 AND succeeded = 0 AND created_at > $2",
    )
    .bind(email)
    .bind(&since)
    .fetch_one(pool)
    .await?;
    let (by_ip,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM login_attempts WHERE ip = $1 AND succeeded = 0 AND created_at > $2",
    )
    .bind(ip)
    .bind(&since)
    .fetch_one(pool)
    .await?;
    if by_email >= MAX_FAILURES_PER_ACCOUNT || by_ip >= MAX_FAILURES_PER_ADDRESS {
        return Err(AppError::TooManyRequests(format!(
            "Too many failed login attempts. Please wait {WINDOW_MINUTES} minutes and try again."
        )));
    }
    Ok(())
}

/// Records one login attempt.
pub async fn record(
    pool: &AnyPool,
    now: DateTime<Utc>,
    email: &str,
    ip: &str,
    ok: bool,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO login_attempts (email, ip, succeeded, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(email)
    .bind(ip)
    .bind(i64::from(ok))
    .bind(ts(now))
    .execute(pool)
    .await?;
    Ok(())
}
