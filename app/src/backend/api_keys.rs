//! Operator API keys: random, shown once, stored as a SHA-256 hash, revocable.
use sqlx::AnyPool;

use super::db::ts;
use super::one_time::{code as random, digest, same};
use crate::error::{AppError, Result};

/// Who an API key acts for.
#[derive(Debug, Clone)]
pub struct ApiCaller {
    /// The key's id.
    pub key_id: i64,
    /// The operator who created it (recorded as the actor of what it does).
    pub operator_email: String,
}

/// Creates a key for an operator and returns it in plain text (the only time it is seen).
/// Keys are 190 random bits, so a fast hash is enough to keep them safe at rest.
pub async fn create(
    pool: &AnyPool,
    now: chrono::DateTime<chrono::Utc>,
    operator_id: i64,
    name: &str,
) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::Invalid(
            "Name the key (1 to 100 characters) so you know what uses it.".into(),
        ));
    }
    let prefix = random(8);
    let key = format!("tnt_{prefix}_{}", random(32));
    sqlx::query("INSERT INTO api_keys (name, prefix, key_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(name)
        .bind(&prefix)
        .bind(digest(&key))
        .bind(operator_id)
        .bind(ts(now))
        .execute(pool)
        .await?;
    Ok(key)
}

/// The caller behind a presented key, if it is valid and not revoked.
pub async fn verify(pool: &AnyPool, presented: &str) -> Result<ApiCaller> {
    let prefix = presented
        .strip_prefix("tnt_")
        .and_then(|rest| rest.split('_').next())
        .ok_or(AppError::Unauthorized)?;
    let row: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT k.id, k.key_hash, u.email FROM api_keys k JOIN users u ON u.id = k.created_by \
         WHERE k.prefix = $1 AND k.revoked_at IS NULL AND u.role = 'operator'",
    )
    .bind(prefix)
    .fetch_optional(pool)
    .await?;
    match row {
        Some((key_id, hash, operator_email)) if same(&hash, &digest(presented)) => Ok(ApiCaller {
            key_id,
            operator_email,
        }),
        _ => Err(AppError::Unauthorized),
    }
}

/// Revokes a key; it stops working at once.
pub async fn revoke(pool: &AnyPool, now: chrono::DateTime<chrono::Utc>, key_id: i64) -> Result<()> {
    let done =
        sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(ts(now))
            .bind(key_id)
            .execute(pool)
            .await?
            .rows_affected();
    if done == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Every key (never the secret), newest first.
pub async fn list(pool: &AnyPool) -> Result<Vec<crate::wire::api_keys::ApiKeyView>> {
    let rows: Vec<(i64, String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT k.id, k.name, k.prefix, u.email, k.created_at, k.revoked_at FROM api_keys k JOIN users u ON u.id = k.created_by ORDER BY k.id DESC",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, prefix, created_by, created_at, revoked_at)| {
            crate::wire::api_keys::ApiKeyView {
                id,
                name,
                prefix: format!("tnt_{prefix}_\u{2026}"),
                created_by,
                created_at: super::db::show_minute(&created_at),
                revoked: revoked_at.is_some(),
            }
        })
        .collect())
}

/// The first operator's id, for keys made from the command line.
pub async fn first_operator(pool: &AnyPool) -> Result<i64> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM users WHERE role = 'operator' ORDER BY id LIMIT 1")
            .fetch_optional(pool)
            .await?;
    row.map(|r| r.0).ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_are_hex_sha256() {
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn comparison_is_exact() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
    }
}
