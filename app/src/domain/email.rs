//! Validated, normalised (trimmed and lowercased) email addresses.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::DomainError;

/// A syntactically valid email address, stored trimmed and lowercased.
///
/// Serializes as a plain string; deserialization validates.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Maximum length of a whole address, in bytes.
    pub const MAX_LEN: usize = 254;
    /// Maximum length of the part before `@`, in bytes.
    pub const MAX_LOCAL_LEN: usize = 64;

    /// Parses and normalises an email address.
    ///
    /// Rules: at most 254 characters, exactly one `@`, a non-empty local part
    /// of at most 64 characters without whitespace, control characters, RFC
    /// 5322 specials (`"(),:;<>[\]`) or misplaced dots, and a domain with at
    /// least one dot whose labels use `a-z`, `0-9` and `-` (not at either end).
    pub fn parse(input: &str) -> Result<Email, DomainError> {
        let email = input.trim().to_lowercase();
        if email.is_empty() {
            return Err(DomainError::invalid("Email address is required"));
        }
        if email.len() > Email::MAX_LEN {
            return Err(DomainError::invalid(format!(
                "Email address must be at most {} characters",
                Email::MAX_LEN
            )));
        }
        if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(DomainError::invalid(
                "Email address must not contain spaces or control characters",
            ));
        }
        let (local, domain) = match email.split_once('@') {
            Some((local, domain)) if !domain.contains('@') => (local, domain),
            _ => {
                return Err(DomainError::invalid(
                    "Email address must contain exactly one @",
                ))
            }
        };
        validate_local(local)?;
        validate_domain(domain)?;
        Ok(Email(email))
    }

    /// Returns the normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Returns the part after `@`.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, domain)| domain)
    }

    /// Consumes the value and returns the normalised address.
    pub fn into_string(self) -> String {
        self.0
    }
}

fn validate_local(local: &str) -> Result<(), DomainError> {
    if local.is_empty() {
        return Err(DomainError::invalid(
            "Email address is missing the part before @",
        ));
    }
    if local.len() > Email::MAX_LOCAL_LEN {
        return Err(DomainError::invalid(format!(
            "The part of the email address before @ must be at most {} characters",
            Email::MAX_LOCAL_LEN
        )));
    }
    if let Some(c) = local.chars().find(|c| "\"(),:;<>[\\]".contains(*c)) {
        return Err(DomainError::invalid(format!(
            "Email address must not contain \"{c}\""
        )));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(DomainError::invalid(
            "The part of the email address before @ must not start or end with a dot or contain two dots in a row",
        ));
    }
    Ok(())
}

fn validate_domain(domain: &str) -> Result<(), DomainError> {
    if domain.is_empty() {
        return Err(DomainError::invalid(
            "Email address is missing the domain after @",
        ));
    }
    if !domain.contains('.') {
        return Err(DomainError::invalid(
            "Email domain must contain a dot, e.g. example.com",
        ));
    }
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    if !domain.split('.').all(label_ok) {
        return Err(DomainError::invalid(format!(
            "\"{domain}\" is not a valid email domain"
        )));
    }
    Ok(())
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for Email {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Email::parse(s)
    }
}

impl TryFrom<String> for Email {
    type Error = DomainError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn err(input: &str) -> String {
        Email::parse(input).unwrap_err().to_string()
    }

    #[test]
    fn accepts_and_normalises_valid_addresses() {
        let cases = [
            ("alice@example.com", "alice@example.com"),
            ("  Alice.Smith@Example.COM \n", "alice.smith@example.com"),
            ("a+tag@sub.example.co.uk", "a+tag@sub.example.co.uk"),
            ("x@a-b.io", "x@a-b.io"),
            ("o'brien@example.ie", "o'brien@example.ie"),
            ("1@2.3", "1@2.3"),
            (
                "user_name@xn--bcher-kva.example",
                "user_name@xn--bcher-kva.example",
            ),
        ];
        for (input, expected) in cases {
            let email = Email::parse(input).unwrap();
            assert_eq!(email.as_str(), expected);
            assert_eq!(email.to_string(), expected);
        }
        assert_eq!(
            Email::parse("bob@mail.example.org").unwrap().domain(),
            "mail.example.org"
        );
    }

    #[test]
    fn rejects_empty_and_missing_parts() {
        assert_eq!(err(""), "Email address is required");
        assert_eq!(err("   "), "Email address is required");
        assert_eq!(err("alice"), "Email address must contain exactly one @");
        assert_eq!(
            err("a@b@example.com"),
            "Email address must contain exactly one @"
        );
        assert_eq!(
            err("@example.com"),
            "Email address is missing the part before @"
        );
        assert_eq!(err("alice@"), "Email address is missing the domain after @");
    }

    #[test]
    fn rejects_whitespace_and_control_characters() {
        for bad in [
            "al ice@example.com",
            "alice@exa mple.com",
            "a\tb@example.com",
            "a\u{7}@example.com",
            "a\r\nBcc: x@example.com",
        ] {
            assert_eq!(
                err(bad),
                "Email address must not contain spaces or control characters",
                "{bad:?}"
            );
        }
    }

    #[test]
    fn rejects_bad_local_parts() {
        assert!(err(&format!("{}@example.com", "a".repeat(65))).contains("at most 64"));
        assert!(Email::parse(&format!("{}@example.com", "a".repeat(64))).is_ok());
        assert_eq!(
            err("a<b@example.com"),
            "Email address must not contain \"<\""
        );
        assert!(err("\"quoted\"@example.com").contains("must not contain"));
        for bad in [".a@example.com", "a.@example.com", "a..b@example.com"] {
            assert!(err(bad).contains("dot"), "{bad}");
        }
    }

    #[test]
    fn rejects_bad_domains() {
        assert_eq!(
            err("alice@localhost"),
            "Email domain must contain a dot, e.g. example.com"
        );
        for bad in [
            "a@-example.com",
            "a@example-.com",
            "a@example..com",
            "a@.example.com",
            "a@example.com.",
            "a@exa_mple.com",
            "a@exämple.com",
            "a@[127.0.0.1]",
        ] {
            assert!(
                err(bad).contains("is not a valid email domain"),
                "{bad}: {}",
                err(bad)
            );
        }
        let long_label = format!("a@{}.com", "b".repeat(64));
        assert!(err(&long_label).contains("is not a valid email domain"));
    }

    #[test]
    fn enforces_total_length() {
        let label = "d".repeat(60);
        let domain = format!("{label}.{label}.{label}.abcdef");
        let ok = format!("{}@{domain}", "a".repeat(64));
        assert_eq!(ok.len(), 254);
        assert!(Email::parse(&ok).is_ok());
        let too_long = format!("a{ok}");
        assert_eq!(
            err(&too_long),
            "Email address must be at most 254 characters"
        );
    }

    #[test]
    fn serde_round_trip_validates() {
        let email = Email::parse("Bob@Example.com").unwrap();
        let json = serde_json::to_string(&email).unwrap();
        assert_eq!(json, "\"bob@example.com\"");
        assert_eq!(serde_json::from_str::<Email>(&json).unwrap(), email);
        assert!(serde_json::from_str::<Email>("\"not-an-email\"").is_err());
        assert_eq!(
            serde_json::from_str::<Email>("\" CAROL@example.com\"")
                .unwrap()
                .as_str(),
            "carol@example.com"
        );
    }

    proptest! {
        #[test]
        fn parse_never_panics_and_is_idempotent(s in "\\PC{0,80}") {
            if let Ok(email) = Email::parse(&s) {
                let again = Email::parse(email.as_str()).unwrap();
                prop_assert_eq!(&again, &email);
                prop_assert_eq!(email.as_str().matches('@').count(), 1);
                prop_assert!(email.as_str().len() <= Email::MAX_LEN);
            }
        }

        #[test]
        fn generated_valid_addresses_are_accepted(
            local in "[a-z0-9_+]{1,20}",
            host in "[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?",
            tld in "[a-z]{2,6}",
        ) {
            let address = format!("{local}@{host}.{tld}");
            let email = Email::parse(&address.to_uppercase()).unwrap();
            prop_assert_eq!(email.as_str(), address.as_str());
        }
    }
}
