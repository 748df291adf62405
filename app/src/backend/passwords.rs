//! Argon2id password hashes, computed on the blocking pool and a few at a time. Each needs 19 MiB
//! of working memory: a burst of logins or orders queues for a turn instead of growing the
//! server, and the working memory of each turn is kept and reused, because freed 19 MiB blocks
//! tend to stay with the process (glibc raises its mmap threshold after the first one).
use std::sync::{Arc, Mutex};

use argon2::password_hash::{
    rand_core::OsRng, Output, ParamsString, PasswordHash, Salt, SaltString,
};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::{AppError, Result};

fn argon2() -> Argon2<'static> {
    // OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Working memory for one hash at a time.
type Memory = Vec<Block>;

/// Hashes and checks passwords, at most a configured number at once.
#[derive(Clone, Debug)]
pub struct Passwords {
    permits: Arc<Semaphore>,
    /// One working memory per turn taken so far (never more than the permits).
    memory: Arc<Mutex<Vec<Memory>>>,
}

impl Passwords {
    /// Allows `at_once` hashes or checks at the same time (at least one).
    pub fn new(at_once: usize) -> Self {
        Passwords {
            permits: Arc::new(Semaphore::new(at_once.max(1))),
            memory: Arc::default(),
        }
    }

    /// Runs `work` on the blocking pool once a turn is free, with a working memory. The permit
    /// moves into the blocking task, so a caller that gives up (a client that disconnects)
    /// cannot free it while the hash still runs.
    async fn in_turn<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Memory) -> T + Send + 'static,
    ) -> Result<T> {
        let permit: OwnedSemaphorePermit =
            self.permits.clone().acquire_owned().await.map_err(|e| {
                tracing::error!(error = %e, "password semaphore closed");
                AppError::Internal
            })?;
        let pool = self.memory.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let taken = pool.lock().ok().and_then(|mut p| p.pop());
            let mut memory = taken.unwrap_or_default();
            let out = work(&mut memory);
            if let Ok(mut p) = pool.lock() {
                p.push(memory);
            }
            out
        })
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "password task failed");
            AppError::Internal
        })
    }

    /// Hashes a password (argon2id, PHC string format).
    pub async fn hash(&self, password: String) -> Result<String> {
        self.in_turn(move |memory| {
            let salt = SaltString::generate(&mut OsRng);
            let hasher = argon2();
            let output = compute(&hasher, password.as_bytes(), salt.as_salt(), 32, memory)?;
            let phc = PasswordHash {
                algorithm: Algorithm::Argon2id.ident(),
                version: Some(Version::V0x13.into()),
                params: ParamsString::try_from(hasher.params())?,
                salt: Some(salt.as_salt()),
                hash: Some(output),
            };
            Ok::<_, argon2::password_hash::Error>(phc.to_string())
        })
        .await?
        .map_err(|e| {
            tracing::error!(error = %e, "hashing failed");
            AppError::Internal
        })
    }

    /// Checks a password against a stored hash (with the hash's own parameters).
    pub async fn verify(&self, password: String, hash: String) -> Result<bool> {
        self.in_turn(move |memory| {
            let parsed = PasswordHash::new(&hash)?;
            let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
                return Err(argon2::password_hash::Error::PhcStringField);
            };
            let version = parsed.version.map(Version::try_from).transpose()?;
            let hasher = Argon2::new(
                Algorithm::try_from(parsed.algorithm)?,
                version.unwrap_or_default(),
                Params::try_from(&parsed)?,
            );
            let output = compute(&hasher, password.as_bytes(), salt, expected.len(), memory)?;
            // Output compares in constant time.
            Ok(output == expected)
        })
        .await?
        .map_err(|e| {
            tracing::error!(error = %e, "stored hash is unreadable");
            AppError::Internal
        })
    }
}

/// The argon2 output of `password` with `salt`, computed in `memory` (grown when too small).
fn compute(
    hasher: &Argon2<'_>,
    password: &[u8],
    salt: Salt<'_>,
    len: usize,
    memory: &mut Memory,
) -> argon2::password_hash::Result<Output> {
    let mut salt_bytes = [0u8; 64];
    let salt = salt.decode_b64(&mut salt_bytes)?;
    let blocks = hasher.params().block_count();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    Output::init_with(len, |out| {
        Ok(hasher.hash_password_into_with_memory(password, salt, out, &mut memory[..blocks])?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_use_owasp_parameters() {
        let passwords = Passwords::new(2);
        let h = passwords
            .hash("correct horse battery".into())
            .await
            .expect("hash");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(passwords
            .verify("correct horse battery".into(), h.clone())
            .await
            .expect("verify"));
        assert!(!passwords.verify("wrong".into(), h).await.expect("verify"));
    }

    #[tokio::test]
    async fn hashes_agree_with_the_argon2_crate_both_ways() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let passwords = Passwords::new(1);
        let ours = passwords.hash("tr0ub4dor&3".into()).await.expect("hash");
        let parsed = PasswordHash::new(&ours).expect("phc");
        assert!(argon2().verify_password(b"tr0ub4dor&3", &parsed).is_ok());
        assert!(argon2().verify_password(b"tr0ub4dor&4", &parsed).is_err());
        // A hash with other parameters (less memory than the kept working memory) still checks.
        let small = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(1024, 1, 1, None).expect("params"),
        );
        let salt = SaltString::generate(&mut OsRng);
        let theirs = small
            .hash_password(b"tr0ub4dor&3", &salt)
            .expect("hash")
            .to_string();
        assert!(passwords
            .verify("tr0ub4dor&3".into(), theirs.clone())
            .await
            .expect("verify"));
        assert!(!passwords
            .verify("Tr0ub4dor&3".into(), theirs)
            .await
            .expect("verify"));
        assert!(passwords
            .verify("x".into(), "not a hash".into())
            .await
            .is_err());
    }

    #[tokio::test]
    async fn a_caller_that_gives_up_keeps_its_turn_until_the_hash_is_done() {
        let passwords = Passwords::new(1);
        let gave_up = tokio::time::timeout(
            std::time::Duration::from_millis(1),
            passwords.hash("first".into()),
        )
        .await;
        assert!(gave_up.is_err(), "a hash takes longer than 1 ms");
        assert_eq!(
            passwords.permits.available_permits(),
            0,
            "the abandoned hash still runs and holds the only turn"
        );
        passwords.hash("second".into()).await.expect("hash");
        assert_eq!(passwords.permits.available_permits(), 1, "all returned");
    }
}
