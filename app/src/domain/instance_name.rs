//! Tenant instance names, used as DNS subdomains (e.g. `acme.tenantry.example`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::DomainError;

/// Names that tenants may not claim because the platform uses them.
pub const RESERVED_NAMES: &[&str] = &[
    "www",
    "admin",
    "api",
    "mail",
    "portal",
    "app",
    "static",
    "assets",
    "pkg",
    "root",
    "support",
    "help",
    "billing",
    "status",
    "ftp",
    "smtp",
    "imap",
    "pop",
    "ns1",
    "ns2",
    "localhost",
    "operator",
    "tenantry",
    "dashboard",
    "login",
    "auth",
];

/// A valid, non-reserved instance name: 3 to 63 characters of `a-z`, `0-9`
/// and `-`, stored lowercased. Serializes as a plain string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct InstanceName(String);

impl InstanceName {
    /// Minimum length in characters.
    pub const MIN_LEN: usize = 3;
    /// Maximum length in characters (a DNS label).
    pub const MAX_LEN: usize = 63;

    /// Trims and lowercases `input`, then validates it.
    pub fn parse(input: &str) -> Result<InstanceName, DomainError> {
        let name = input.trim().to_lowercase();
        let len = name.chars().count();
        if len == 0 {
            return Err(DomainError::invalid("Instance name is required"));
        }
        if len < InstanceName::MIN_LEN {
            return Err(DomainError::invalid(format!(
                "Instance name must be at least {} characters",
                InstanceName::MIN_LEN
            )));
        }
        if len > InstanceName::MAX_LEN {
            return Err(DomainError::invalid(format!(
                "Instance name must be at most {} characters",
                InstanceName::MAX_LEN
            )));
        }
        if let Some(c) = name
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            let shown = if c.is_whitespace() || c.is_control() {
                "spaces or control characters".to_owned()
            } else {
                format!("\"{c}\"")
            };
            return Err(DomainError::invalid(format!(
                "Instance name may only contain letters a-z, digits 0-9 and hyphens (found {shown})"
            )));
        }
        if name.starts_with('-') || name.ends_with('-') {
            return Err(DomainError::invalid(
                "Instance name must not start or end with a hyphen",
            ));
        }
        if name.get(2..4) == Some("--") {
            return Err(DomainError::invalid(
                "Instance name must not have two hyphens in the third and fourth positions",
            ));
        }
        if is_reserved(&name) {
            return Err(DomainError::invalid(format!(
                "\"{name}\" is reserved; please choose another name"
            )));
        }
        Ok(InstanceName(name))
    }

    /// Returns the normalised name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Consumes the value and returns the normalised name.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// Returns `true` if `name` (already lowercased) is in [`RESERVED_NAMES`].
pub fn is_reserved(name: &str) -> bool {
    RESERVED_NAMES.contains(&name)
}

impl fmt::Display for InstanceName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for InstanceName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for InstanceName {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        InstanceName::parse(s)
    }
}

impl TryFrom<String> for InstanceName {
    type Error = DomainError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        InstanceName::parse(&value)
    }
}

impl From<InstanceName> for String {
    fn from(value: InstanceName) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn err(input: &str) -> String {
        InstanceName::parse(input).unwrap_err().to_string()
    }

    #[test]
    fn accepts_valid_names_and_normalises() {
        for (input, expected) in [
            ("acme", "acme"),
            ("  Acme-Corp ", "acme-corp"),
            ("abc", "abc"),
            ("a1b", "a1b"),
            ("123", "123"),
            ("a-b-c", "a-b-c"),
            ("ab-c--d", "ab-c--d"),
            ("wwww", "wwww"),
            ("my-api", "my-api"),
        ] {
            let name = InstanceName::parse(input).unwrap();
            assert_eq!(name.as_str(), expected);
            assert_eq!(name.to_string(), expected);
        }
        let longest = "a".repeat(63);
        assert_eq!(InstanceName::parse(&longest).unwrap().as_str(), longest);
    }

    #[test]
    fn length_errors_are_specific() {
        assert_eq!(err(""), "Instance name is required");
        assert_eq!(err("   "), "Instance name is required");
        assert_eq!(err("a"), "Instance name must be at least 3 characters");
        assert_eq!(err(" ab "), "Instance name must be at least 3 characters");
        assert_eq!(
            err(&"a".repeat(64)),
            "Instance name must be at most 63 characters"
        );
    }

    #[test]
    fn character_errors_are_specific() {
        assert_eq!(
            err("acme_corp"),
            "Instance name may only contain letters a-z, digits 0-9 and hyphens (found \"_\")"
        );
        assert_eq!(
            err("acme corp"),
            "Instance name may only contain letters a-z, digits 0-9 and hyphens (found spaces or control characters)"
        );
        assert!(err("acme.corp").contains("(found \".\")"));
        assert!(err("café").contains("(found \"é\")"));
        assert!(err("ａｃｍｅ").contains("may only contain"));
    }

    #[test]
    fn hyphen_rules() {
        for bad in ["-acme", "acme-", "-ab", "---"] {
            assert_eq!(
                err(bad),
                "Instance name must not start or end with a hyphen",
                "{bad}"
            );
        }
        for bad in ["xn--acme", "ab--c", "XN--abc"] {
            assert_eq!(
                err(bad),
                "Instance name must not have two hyphens in the third and fourth positions",
                "{bad}"
            );
        }
        assert!(InstanceName::parse("a--b").is_ok());
        assert!(InstanceName::parse("abc--d").is_ok());
    }

    #[test]
    fn reserved_names_are_refused() {
        assert_eq!(
            err("www"),
            "\"www\" is reserved; please choose another name"
        );
        assert_eq!(
            err("  ADMIN "),
            "\"admin\" is reserved; please choose another name"
        );
        for reserved in RESERVED_NAMES {
            assert!(err(reserved).contains("is reserved"), "{reserved}");
            assert!(is_reserved(reserved));
        }
        assert_eq!(RESERVED_NAMES.len(), 26);
        assert!(!is_reserved("acme"));
    }

    #[test]
    fn serde_round_trip_validates() {
        let name = InstanceName::parse("Acme").unwrap();
        assert_eq!(serde_json::to_string(&name).unwrap(), "\"acme\"");
        assert_eq!(
            serde_json::from_str::<InstanceName>("\"acme\"").unwrap(),
            name
        );
        assert!(serde_json::from_str::<InstanceName>("\"www\"").is_err());
        assert!(serde_json::from_str::<InstanceName>("\"a\"").is_err());
        assert_eq!("acme".parse::<InstanceName>().unwrap(), name);
    }

    fn satisfies_rules(name: &str) -> bool {
        (3..=63).contains(&name.len())
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !name.starts_with('-')
            && !name.ends_with('-')
            && name.get(2..4) != Some("--")
            && !RESERVED_NAMES.contains(&name)
    }

    proptest! {
        #[test]
        fn accepted_names_satisfy_rules_and_parse_is_idempotent(s in "[ a-zA-Z0-9_.-]{0,70}") {
            match InstanceName::parse(&s) {
                Ok(name) => {
                    prop_assert!(satisfies_rules(name.as_str()), "{:?}", name);
                    prop_assert_eq!(InstanceName::parse(name.as_str()), Ok(name.clone()));
                }
                Err(e) => prop_assert!(!satisfies_rules(&s.trim().to_lowercase()), "{}", e),
            }
        }

        #[test]
        fn mostly_valid_input_matches_rules(s in "[a-zA-Z0-9-]{0,70}") {
            let normalised = s.to_lowercase();
            let result = InstanceName::parse(&s);
            prop_assert_eq!(result.is_ok(), satisfies_rules(&normalised));
            if let Ok(name) = result {
                prop_assert_eq!(name.as_str(), normalised.as_str());
            }
        }

        #[test]
        fn arbitrary_input_never_panics(s in "\\PC{0,80}") {
            if let Ok(name) = InstanceName::parse(&s) {
                prop_assert!(satisfies_rules(name.as_str()));
            }
        }
    }
}
