//! Codes of catalog things (modules, verticals, products, resources, templates), template
//! setting keys and resource allowances: the rules the operator's editors check before writing.
use std::fmt;

use super::DomainError;

/// Settings every instance gets from its order; a template may not set them.
pub const RESERVED_SETTINGS: [&str; 3] = ["company_name", "instance_name", "plan"];

/// A code of 2 to 40 lowercase letters, digits and dashes, starting with a letter or digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CatalogCode(String);

impl CatalogCode {
    /// Trims and checks a code; messages start with `label` ("Module code ...").
    pub fn parse(label: &str, value: &str) -> Result<CatalogCode, DomainError> {
        let code = value.trim();
        let len = code.chars().count();
        if !(2..=40).contains(&len) {
            return Err(DomainError::invalid(format!(
                "{label} must be 2 to 40 characters long"
            )));
        }
        if !code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(DomainError::invalid(format!(
                "{label} may only contain lowercase letters, digits and dashes"
            )));
        }
        if code.starts_with('-') || code.ends_with('-') {
            return Err(DomainError::invalid(format!(
                "{label} must not start or end with a dash"
            )));
        }
        Ok(CatalogCode(code.to_owned()))
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CatalogCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Checks a template setting key: 1 to 60 lowercase letters, digits, dots and underscores, not
/// one of the [`RESERVED_SETTINGS`]. Returns the trimmed key.
pub fn parse_setting_key(value: &str) -> Result<String, DomainError> {
    let key = value.trim();
    if key.is_empty() || key.chars().count() > 60 {
        return Err(DomainError::invalid(
            "Setting key must be 1 to 60 characters long",
        ));
    }
    if !key
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
    {
        return Err(DomainError::invalid(
            "Setting key may only contain lowercase letters, digits, dots and underscores",
        ));
    }
    if RESERVED_SETTINGS.contains(&key) {
        return Err(DomainError::invalid(format!(
            "Setting {key} comes from the order and cannot be set by a template"
        )));
    }
    Ok(key.to_owned())
}

/// Checks a setting value: at most 1000 characters, no control characters.
pub fn check_setting_value(value: &str) -> Result<(), DomainError> {
    if value.chars().count() > 1000 {
        return Err(DomainError::invalid(
            "Setting value must be at most 1000 characters",
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(DomainError::invalid(
            "Setting value must not contain line breaks or control characters",
        ));
    }
    Ok(())
}

/// Checks a resource allowance: the included amount is not negative and the hard limit is at
/// least the included amount.
pub fn check_allowance(included: i64, hard_limit: i64) -> Result<(), DomainError> {
    if included < 0 {
        return Err(DomainError::invalid("Included amount cannot be negative"));
    }
    if hard_limit < included {
        return Err(DomainError::invalid(
            "Hard limit must be at least the included amount",
        ));
    }
    Ok(())
}

/// An instance's settings: the built-in ones, each replaced by the template's value for the same
/// key, then the template's other keys in order. Reserved keys in `template` are ignored.
pub fn instance_settings(
    builtins: &[(&str, &str)],
    template: &[(String, String)],
) -> Vec<(String, String)> {
    let allowed = |k: &str| !RESERVED_SETTINGS.contains(&k);
    let mut out: Vec<(String, String)> = builtins
        .iter()
        .map(|(k, v)| {
            let value = template
                .iter()
                .find(|(tk, _)| tk == k && allowed(k))
                .map(|(_, tv)| tv.as_str())
                .unwrap_or(v);
            (k.to_string(), value.to_string())
        })
        .collect();
    for (k, v) in template {
        if allowed(k) && !builtins.iter().any(|(b, _)| b == k) {
            out.push((k.clone(), v.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_lowercase_digits_and_dashes() {
        assert_eq!(
            CatalogCode::parse("Code", " crm-2 ").map(|c| c.to_string()),
            Ok("crm-2".into())
        );
        for bad in ["a", "Sales", "sales_x", "-sales", "sales-", "ümlaut", ""] {
            assert!(CatalogCode::parse("Code", bad).is_err(), "{bad:?}");
        }
        assert!(CatalogCode::parse("Code", &"a".repeat(40)).is_ok());
        let long = CatalogCode::parse("Module code", &"a".repeat(41));
        assert_eq!(
            long.map_err(|e| e.to_string()),
            Err("Module code must be 2 to 40 characters long".into())
        );
    }

    #[test]
    fn setting_keys_are_checked_and_reserved_ones_refused() {
        assert_eq!(parse_setting_key(" locale "), Ok("locale".into()));
        assert!(parse_setting_key("mail.from_name").is_ok());
        for bad in ["", "Locale", "a b", "plan", "company_name", &"k".repeat(61)] {
            assert!(parse_setting_key(bad).is_err(), "{bad:?}");
        }
        assert!(check_setting_value("Europe/Paris").is_ok());
        assert!(check_setting_value("a\nb").is_err());
    }

    #[test]
    fn allowances_keep_the_limit_above_the_included_amount() {
        assert!(check_allowance(0, 0).is_ok());
        assert!(check_allowance(5, 10).is_ok());
        assert!(check_allowance(-1, 10).is_err());
        assert!(check_allowance(10, 5).is_err());
    }

    #[test]
    fn template_settings_override_builtins_but_not_reserved_ones() {
        let builtins = [("company_name", "Acme"), ("locale", "en"), ("plan", "p")];
        let template = vec![
            ("locale".to_string(), "fr".to_string()),
            ("plan".to_string(), "other".to_string()),
            ("theme".to_string(), "dark".to_string()),
        ];
        let pairs = |v: &[(&str, &str)]| {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            instance_settings(&builtins, &template),
            pairs(&[
                ("company_name", "Acme"),
                ("locale", "fr"),
                ("plan", "p"),
                ("theme", "dark")
            ])
        );
    }
}
