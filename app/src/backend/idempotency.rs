//! Idempotency keys, claimed before any work starts. The first request with a key claims it and
//! does the work; the transaction that records its order also completes the claim. A duplicate
//! that arrives meanwhile waits for the first and answers its order; one with another body is
//! refused. A claim whose holder went away (a crash) can be taken over once its lease runs out:
//! the work is redone with the same key, and the gateway charges a key only once.
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, AnyPool};

use super::db::ts;
use crate::error::{AppError, Result};

/// How long a claim holds before another request may take it over.
const LEASE_SECONDS: i64 = 120;
/// How long a duplicate waits for the first request before answering that it is still running.
const WAIT: StdDuration = StdDuration::from_secs(30);

/// A caller's key with the hash of what it asked for.
#[derive(Debug, Clone)]
pub struct IdempotencyKey {
    /// Whose key: `api:<key id>`, `web`, `tenant:<id>`.
    pub scope: String,
    /// The key as the caller sent it.
    pub key: String,
    /// SHA-256 (hex) of the canonical request.
    pub request_hash: String,
}

impl IdempotencyKey {
    /// The key of `scope` for `request`, hashed in its canonical JSON form (serialize maps as
    /// sorted maps, and leave secrets out of `request`).
    pub fn new(scope: &str, key: &str, request: &impl Serialize) -> Result<IdempotencyKey> {
        let canonical = serde_json::to_vec(request).map_err(|_| AppError::Internal)?;
        Ok(IdempotencyKey {
            scope: scope.to_string(),
            key: key.to_string(),
            request_hash: hex(&Sha256::digest(&canonical)),
        })
    }

    /// The key as stored on the order and sent to the payment gateway: unique across callers.
    pub fn scoped(&self) -> String {
        format!("{}/{}", self.scope, self.key)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What claiming a key found.
#[derive(Debug, PartialEq, Eq)]
pub enum Claim {
    /// This request holds the key: do the work, then [`complete`] or [`release`] it.
    Owned,
    /// An earlier request with the same key and body recorded this order.
    Done(i64),
}

/// Claims `key`, or waits while another request holding it is in flight.
pub async fn claim(pool: &AnyPool, now: DateTime<Utc>, key: &IdempotencyKey) -> Result<Claim> {
    let deadline = Instant::now() + WAIT;
    loop {
        let inserted = sqlx::query(
            "INSERT INTO idempotency_keys (scope, key, request_hash, locked_until, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scope, key) DO NOTHING",
        )
        .bind(&key.scope)
        .bind(&key.key)
        .bind(&key.request_hash)
        .bind(ts(now + Duration::seconds(LEASE_SECONDS)))
        .bind(ts(now))
        .execute(pool)
        .await?
        .rows_affected();
        if inserted == 1 {
            return Ok(Claim::Owned);
        }
        let row: Option<(String, Option<i64>, Option<String>)> = sqlx::query_as(
            "SELECT request_hash, order_id, locked_until FROM idempotency_keys WHERE scope = $1 AND key = $2",
        )
        .bind(&key.scope)
        .bind(&key.key)
        .fetch_optional(pool)
        .await?;
        match row {
            // Released in between: try to claim it again.
            None => continue,
            Some((hash, _, _)) if hash != key.request_hash => {
                return Err(AppError::Conflict(
                    "This idempotency key was already used for a different request; send a new key for a new order.".into(),
                ))
            }
            Some((_, Some(order_id), _)) => return Ok(Claim::Done(order_id)),
            Some((_, None, Some(until))) if until < ts(now) => {
                if take_over(pool, now, key, &until).await? {
                    return Ok(Claim::Owned);
                }
            }
            Some(_) => {}
        }
        if Instant::now() >= deadline {
            return Err(AppError::Conflict(
                "The first request with this idempotency key is still being processed; try again shortly.".into(),
            ));
        }
        tokio::time::sleep(StdDuration::from_millis(25)).await;
    }
}

/// Takes over a claim whose lease ran out, unless another request did first.
async fn take_over(
    pool: &AnyPool,
    now: DateTime<Utc>,
    key: &IdempotencyKey,
    until: &str,
) -> Result<bool> {
    let taken = sqlx::query(
        "UPDATE idempotency_keys SET locked_until = $1 \
         WHERE scope = $2 AND key = $3 AND order_id IS NULL AND locked_until = $4",
    )
    .bind(ts(now + Duration::seconds(LEASE_SECONDS)))
    .bind(&key.scope)
    .bind(&key.key)
    .bind(until)
    .execute(pool)
    .await?
    .rows_affected();
    Ok(taken == 1)
}

/// Records, in the transaction that writes the order, that `key` produced `order_id`.
pub async fn complete(conn: &mut AnyConnection, key: &IdempotencyKey, order_id: i64) -> Result<()> {
    sqlx::query(
        "UPDATE idempotency_keys SET order_id = $1, locked_until = NULL WHERE scope = $2 AND key = $3",
    )
    .bind(order_id)
    .bind(&key.scope)
    .bind(&key.key)
    .execute(conn)
    .await?;
    Ok(())
}

/// Frees a key whose request failed before recording anything, so it can be sent again.
pub async fn release(pool: &AnyPool, key: &IdempotencyKey) {
    let freed = sqlx::query(
        "DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND order_id IS NULL",
    )
    .bind(&key.scope)
    .bind(&key.key)
    .execute(pool)
    .await;
    if let Err(e) = freed {
        // The lease frees it in time anyway.
        tracing::warn!(scope = %key.scope, error = %e, "idempotency key not released");
    }
}

/// Runs `work` holding `key`: a duplicate gets the first order's id, an error frees the key.
pub async fn run<F, Fut>(
    pool: &AnyPool,
    now: DateTime<Utc>,
    key: &IdempotencyKey,
    work: F,
) -> Result<i64>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<i64>>,
{
    match claim(pool, now, key).await? {
        Claim::Done(order_id) => Ok(order_id),
        Claim::Owned => {
            let done = work().await;
            if done.is_err() {
                release(pool, key).await;
            }
            done
        }
    }
}
