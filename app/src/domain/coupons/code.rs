//! A coupon's code as customers type it: upper-cased, 3 to 32 letters, digits and hyphens.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::DomainError;

/// A valid coupon code, always upper case (`save10` and ` SAVE10 ` are both `SAVE10`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CouponCode(String);

impl CouponCode {
    /// Parses a code: surrounding spaces are dropped and letters upper-cased; then 3 to 32 of
    /// `A-Z`, `0-9` and `-` must remain.
    pub fn parse(input: &str) -> Result<CouponCode, DomainError> {
        let code = input.trim().to_ascii_uppercase();
        let allowed = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-';
        if (3..=32).contains(&code.len()) && code.chars().all(allowed) {
            Ok(CouponCode(code))
        } else {
            Err(DomainError::invalid(
                "A coupon code has 3 to 32 letters, digits or hyphens",
            ))
        }
    }

    /// The code, e.g. `"SAVE10"`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CouponCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for CouponCode {
    type Error = DomainError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        CouponCode::parse(&value)
    }
}

impl From<CouponCode> for String {
    fn from(value: CouponCode) -> Self {
        value.0
    }
}
