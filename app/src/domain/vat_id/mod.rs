//! EU VAT identification numbers: parsed by each member state's format and, where the state
//! publishes one, its check-digit rule; and the tax treatment they lead to (reverse charge).
//!
//! The check sits behind [`VatIdCheck`] so a live VIES lookup can be added beside the offline one.

mod checksum;
mod format;
#[cfg(test)]
mod tests;
mod treatment;

use serde::{Deserialize, Serialize};

use super::DomainError;
pub use treatment::{tax_treatment, TaxTreatment, REVERSE_CHARGE_NOTE};

/// A VAT ID of an EU member state that passed its format and check-digit rules, e.g. `DE136695976`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VatId(String);

impl VatId {
    /// Parses a VAT ID as typed (spaces, dots and dashes ignored, any case) with the offline rules.
    pub fn parse(raw: &str) -> Result<VatId, DomainError> {
        let compact: String = raw
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-' | '/' | '\u{a0}'))
            .collect::<String>()
            .to_ascii_uppercase();
        if compact.len() < 4 || !compact.is_ascii() {
            return Err(invalid(
                raw,
                "it starts with the two-letter country code, e.g. DE123456789",
            ));
        }
        let (prefix, number) = compact.split_at(2);
        let Some(rule) = format::rule(prefix) else {
            return Err(invalid(
                raw,
                "it must start with the code of an EU member state (e.g. DE, FR, IT; EL for Greece)",
            ));
        };
        if !rule.matches(number) {
            return Err(invalid(
                raw,
                &format!("a {prefix} VAT ID looks like {}", rule.example),
            ));
        }
        if !checksum::valid(prefix, number) {
            return Err(invalid(
                raw,
                "its check digit does not match; please check for a typo",
            ));
        }
        Ok(VatId(compact))
    }

    /// The compact form, e.g. `FR40303265045`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The member state's ISO 3166 country code (`GR` for Greece's `EL` prefix).
    pub fn country(&self) -> &str {
        match &self.0[..2] {
            "EL" => "GR",
            other => other,
        }
    }
}

impl std::fmt::Display for VatId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn invalid(raw: &str, why: &str) -> DomainError {
    DomainError::invalid(format!(
        "VAT ID \u{201c}{}\u{201d} is not valid: {why}.",
        raw.trim()
    ))
}

/// Decides whether a VAT ID is valid. The offline rules are what is used today; a live lookup
/// (VIES) can implement the same trait later.
pub trait VatIdCheck {
    /// The valid VAT ID, or a message naming the field and what is wrong.
    fn check(&self, raw: &str) -> Result<VatId, DomainError>;
}

/// Format and check digits only, no network: [`VatId::parse`].
#[derive(Debug, Clone, Copy, Default)]
pub struct OfflineCheck;

impl VatIdCheck for OfflineCheck {
    fn check(&self, raw: &str) -> Result<VatId, DomainError> {
        VatId::parse(raw)
    }
}

/// The optional VAT ID of an order form: blank is none, anything else must be valid.
pub fn optional(check: &dyn VatIdCheck, raw: &str) -> Result<Option<VatId>, DomainError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        check.check(raw).map(Some)
    }
}
