//! Validated free-text form fields and passwords.

use std::fmt;

use serde::Serialize;

use super::DomainError;

/// A trimmed, non-empty single-field text without control characters.
///
/// Serializes as a plain string. It is not `Deserialize` because the field
/// label and length limit are needed to validate it: parse after receiving.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct RequiredText(String);

impl RequiredText {
    /// Trims `value` and checks it is non-empty, free of control characters
    /// (including line breaks) and at most `max_len` characters long.
    ///
    /// Error messages start with `field_label`, e.g. "Company name is required".
    pub fn parse(
        field_label: &str,
        value: &str,
        max_len: usize,
    ) -> Result<RequiredText, DomainError> {
        let text = value.trim();
        if text.is_empty() {
            return Err(DomainError::invalid(format!("{field_label} is required")));
        }
        if text.chars().any(char::is_control) {
            return Err(DomainError::invalid(format!(
                "{field_label} must not contain line breaks or control characters"
            )));
        }
        if text.chars().count() > max_len {
            return Err(DomainError::invalid(format!(
                "{field_label} must be at most {max_len} characters"
            )));
        }
        Ok(RequiredText(text.to_owned()))
    }

    /// Returns the trimmed text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Consumes the value and returns the trimmed text.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for RequiredText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for RequiredText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<RequiredText> for String {
    fn from(value: RequiredText) -> Self {
        value.0
    }
}

/// A candidate password of 10 to 128 characters, kept exactly as typed.
///
/// Deliberately not `Serialize`, `Display` or `PartialEq`; `Debug` prints
/// `Password(***)`. Use [`Password::expose`] only to hash or verify it.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    /// Minimum length in characters.
    pub const MIN_LEN: usize = 10;
    /// Maximum length in characters.
    pub const MAX_LEN: usize = 128;

    /// Checks the length in characters (not bytes); the input is not trimmed.
    pub fn parse(input: &str) -> Result<Password, DomainError> {
        let len = input.chars().count();
        if len < Password::MIN_LEN {
            return Err(DomainError::invalid(format!(
                "Password must be at least {} characters",
                Password::MIN_LEN
            )));
        }
        if len > Password::MAX_LEN {
            return Err(DomainError::invalid(format!(
                "Password must be at most {} characters",
                Password::MAX_LEN
            )));
        }
        Ok(Password(input.to_owned()))
    }

    /// Returns the plain-text password, e.g. for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text_err(label: &str, value: &str, max: usize) -> String {
        RequiredText::parse(label, value, max)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn required_text_trims_and_accepts() {
        let t = RequiredText::parse("Company name", "  Acme GmbH \t", 100).unwrap();
        assert_eq!(t.as_str(), "Acme GmbH");
        assert_eq!(t.to_string(), "Acme GmbH");
        assert_eq!(t.clone().into_string(), "Acme GmbH");
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"Acme GmbH\"");
        assert_eq!(
            RequiredText::parse("Company name", "Müller & Söhne", 14)
                .unwrap()
                .as_str(),
            "Müller & Söhne"
        );
    }

    #[test]
    fn required_text_errors_name_the_field() {
        assert_eq!(text_err("Company name", "", 10), "Company name is required");
        assert_eq!(
            text_err("Company name", " \n\t ", 10),
            "Company name is required"
        );
        assert_eq!(
            text_err("Company name", "Acme\nEvil", 100),
            "Company name must not contain line breaks or control characters"
        );
        assert!(text_err("Title", "a\u{0}b", 100).starts_with("Title must not contain"));
        assert!(text_err("Title", "a\u{85}b", 100).starts_with("Title must not contain"));
        assert_eq!(
            text_err("Title", "abcdef", 5),
            "Title must be at most 5 characters"
        );
    }

    #[test]
    fn required_text_length_counts_characters_after_trimming() {
        assert!(RequiredText::parse("Name", "  abcde  ", 5).is_ok());
        assert!(RequiredText::parse("Name", "ééééé", 5).is_ok());
        assert!(RequiredText::parse("Name", "éééééé", 5).is_err());
        assert!(RequiredText::parse("Name", "a", 0).is_err());
    }

    #[test]
    fn password_length_limits() {
        assert_eq!(
            Password::parse("").unwrap_err().to_string(),
            "Password must be at least 10 characters"
        );
        assert_eq!(
            Password::parse("123456789").unwrap_err().to_string(),
            "Password must be at least 10 characters"
        );
        assert!(Password::parse("1234567890").is_ok());
        assert!(Password::parse(&"x".repeat(128)).is_ok());
        assert_eq!(
            Password::parse(&"x".repeat(129)).unwrap_err().to_string(),
            "Password must be at most 128 characters"
        );
    }

    #[test]
    fn password_counts_characters_not_bytes() {
        // 5 characters but 10 bytes.
        assert!(Password::parse("ééééé").is_err());
        // 128 characters, 256 bytes.
        assert!(Password::parse(&"é".repeat(128)).is_ok());
        assert!(Password::parse(&"é".repeat(129)).is_err());
    }

    #[test]
    fn password_is_kept_verbatim_and_hidden_from_debug() {
        let p = Password::parse("  secret pass  ").unwrap();
        assert_eq!(p.expose(), "  secret pass  ");
        assert_eq!(format!("{p:?}"), "Password(***)");
        assert_eq!(format!("{:#?}", Some(p)), "Some(\n    Password(***),\n)");
    }

    proptest! {
        #[test]
        fn accepted_text_is_trimmed_and_bounded(s in "\\PC{0,40}", max in 0usize..30) {
            if let Ok(t) = RequiredText::parse("Field", &s, max) {
                prop_assert_eq!(t.as_str(), t.as_str().trim());
                prop_assert!(!t.as_str().is_empty());
                prop_assert!(t.as_str().chars().count() <= max);
                prop_assert!(!t.as_str().chars().any(char::is_control));
            }
        }

        #[test]
        fn password_accepts_exactly_the_allowed_lengths(s in "\\PC{0,140}") {
            let len = s.chars().count();
            prop_assert_eq!(Password::parse(&s).is_ok(), (10..=128).contains(&len));
        }
    }
}
