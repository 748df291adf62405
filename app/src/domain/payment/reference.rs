//! Helpers shared by the gateways: a stable hash for deterministic tokens and
//! references, and the checks on references and refund amounts.

use crate::domain::{DomainError, Money};

/// 64-bit FNV-1a hash: stable across platforms and releases.
pub(super) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

pub(super) fn fnv1a_hex(bytes: &[u8]) -> String {
    format!("{:016x}", fnv1a(bytes))
}

pub(super) fn is_lower_hex(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

pub(super) fn is_upper_hex(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'A'..=b'F'))
}

pub(super) fn refund_amount_check(amount: Money) -> Result<(), DomainError> {
    if amount.minor <= 0 {
        return Err(DomainError::invalid(
            "Refund amount must be greater than zero",
        ));
    }
    Ok(())
}

pub(super) fn unknown_reference(reference: &str) -> DomainError {
    DomainError::invalid(format!("Unknown payment reference \"{reference}\""))
}
