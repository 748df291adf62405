//! One-time secrets (API keys, confirmation and reset links): random codes, and the SHA-256
//! digests stored in their place so a copy of the database opens nothing.
use rand::{distributions::Alphanumeric, Rng};
use sha2::{Digest, Sha256};

/// A random code of `n` letters and digits.
pub fn code(n: usize) -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(n)
        .map(char::from)
        .collect()
}

/// The hex SHA-256 digest of a code (surrounding spaces ignored), as stored.
pub fn digest(code: &str) -> String {
    Sha256::digest(code.trim().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Compares without stopping at the first difference.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_random_and_digests_hex() {
        assert_eq!(code(32).len(), 32);
        assert_ne!(code(32), code(32));
        assert_eq!(digest(" abc "), digest("abc"));
        assert_eq!(digest("abc").len(), 64);
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }
}
