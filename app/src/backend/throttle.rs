//! Login throttling kept in the shared database: every attempt is counted as a failure before its
//! password is checked (so parallel guesses cannot all slip through), and only attempts the
//! counters allow are checked. The rules are in [`crate::domain::login_throttle`].
use chrono::{DateTime, Utc};
use sqlx::AnyPool;

use super::db::{self, parse_ts, ts};
use crate::domain::login_throttle::{counter_keys, decide, Counter, Scope};
use crate::error::{AppError, Result};

/// A login attempt that may go ahead; it counts as a failure until [`Claim::succeeded`].
#[must_use = "a claimed attempt stays a failure unless it is marked as a success"]
pub struct Claim {
    keys: [(Scope, String); 3],
}

/// Counts one attempt on `account` (the account's name on its host) from `ip`, or refuses it
/// with 429 and when to try again. The counters are read and written in one write transaction
/// whose first statement on each counter locks it (an upsert), so concurrent attempts queue.
pub async fn claim(pool: &AnyPool, now: DateTime<Utc>, account: &str, ip: &str) -> Result<Claim> {
    let keys = counter_keys(account, ip);
    let mut tx = db::begin(pool).await?;
    let mut counters = Vec::with_capacity(keys.len());
    for (scope, key) in &keys {
        let (failures, last): (i64, String) = sqlx::query_as(
            "INSERT INTO login_counters (counter_key, failures, last_failure_at) VALUES ($1, 0, $2) \
             ON CONFLICT (counter_key) DO UPDATE SET failures = login_counters.failures \
             RETURNING failures, last_failure_at",
        )
        .bind(key)
        .bind(ts(now))
        .fetch_one(&mut *tx)
        .await?;
        let last_failure_at = parse_ts(&last).ok_or_else(|| {
            tracing::error!(key, last, "unreadable login counter time");
            AppError::Internal
        })?;
        counters.push((
            *scope,
            Counter {
                failures,
                last_failure_at,
            },
        ));
    }
    if let Err(wait) = decide(now, &counters) {
        tx.rollback().await?;
        return Err(AppError::TooManyRequests {
            message: wait.message(now),
            retry_after_secs: wait.seconds(now),
        });
    }
    for ((scope, key), (_, counter)) in keys.iter().zip(&counters) {
        let next = counter.with_failure(scope.policy(), now);
        sqlx::query(
            "UPDATE login_counters SET failures = $1, last_failure_at = $2 WHERE counter_key = $3",
        )
        .bind(next.failures)
        .bind(ts(next.last_failure_at))
        .bind(key)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(Claim { keys })
}

impl Claim {
    /// The password was right: the failures of this account from this address are cleared, and
    /// the attempt no longer counts against the account or the address.
    pub async fn succeeded(self, pool: &AnyPool) -> Result<()> {
        let mut tx = db::begin(pool).await?;
        for (scope, key) in &self.keys {
            let sql = match scope {
                Scope::AccountFromAddress => "DELETE FROM login_counters WHERE counter_key = $1",
                Scope::Account | Scope::Address => {
                    "UPDATE login_counters SET failures = failures - 1 \
                     WHERE counter_key = $1 AND failures > 0"
                }
            };
            sqlx::query(sql).bind(key).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Adds a checked attempt to the login history.
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

/// Deletes counters whose failures are all forgotten (the longest memory is a day).
pub async fn prune(pool: &AnyPool, now: DateTime<Utc>) -> Result<u64> {
    let forgotten = Scope::ALL
        .iter()
        .map(|s| s.policy().forget_after)
        .max()
        .unwrap_or_default();
    let done = sqlx::query("DELETE FROM login_counters WHERE last_failure_at < $1")
        .bind(ts(now - forgotten))
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}
