//! Pure parsing of what an operator types into the catalog editors: codes, prices, colours,
//! logo addresses, invoice prefixes, countries, tax percentages and plan descriptions.
mod country;
mod description;
mod tax;

pub use country::parse_country;
pub use description::check_description;
pub use tax::{format_basis_points, parse_percent};

use super::{Currency, DomainError, Money};

/// The highest price one catalog field may hold (one million in major units): anything above is
/// a typing mistake, not a price.
pub const MAX_PRICE_MINOR: i64 = 100_000_000;

/// The highest add-on quantity or resource unit count an operator may set.
pub const MAX_UNITS: i64 = 1_000_000;

/// A catalog code (plans, add-ons, storefronts): 2 to 40 lowercase letters, digits and hyphens,
/// starting with a letter. `@` is reserved for retired plan versions (`code@v2`).
pub fn parse_code(input: &str) -> Result<String, DomainError> {
    let code = input.trim();
    let ok = (2..=40).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(code.to_string())
    } else {
        Err(DomainError::invalid(format!(
            "\"{code}\" is not a valid code; use 2 to 40 lowercase letters, digits and hyphens, starting with a letter"
        )))
    }
}

/// A non-negative price typed as a decimal ("49.00") in minor units, at most [`MAX_PRICE_MINOR`].
pub fn parse_price(label: &str, input: &str, currency: Currency) -> Result<i64, DomainError> {
    let money = Money::parse_decimal(input, currency)
        .map_err(|e| DomainError::invalid(format!("{label}: {e}")))?;
    if money.is_negative() {
        return Err(DomainError::invalid(format!("{label} cannot be negative.")));
    }
    if money.minor > MAX_PRICE_MINOR {
        return Err(DomainError::invalid(format!(
            "{label} is too large; the most a catalog price may be is 1000000.00."
        )));
    }
    Ok(money.minor)
}

/// A whole count between `min` and [`MAX_UNITS`] (users, units, quantities, days).
pub fn parse_count(label: &str, value: i64, min: i64) -> Result<i64, DomainError> {
    if (min..=MAX_UNITS).contains(&value) {
        Ok(value)
    } else {
        Err(DomainError::invalid(format!(
            "{label} must be a whole number from {min} to {MAX_UNITS}."
        )))
    }
}

/// A required display text (name) of 1 to `max` characters, trimmed.
pub fn parse_text(label: &str, input: &str, max: usize) -> Result<String, DomainError> {
    let text = input.trim();
    if text.is_empty() || text.chars().count() > max {
        return Err(DomainError::invalid(format!(
            "{label} must be 1 to {max} characters."
        )));
    }
    Ok(text.to_string())
}

/// An accent colour exactly as `#rrggbb` (stored lowercase), safe inside a style attribute.
pub fn parse_color(input: &str) -> Result<String, DomainError> {
    let c = input.trim();
    match c.strip_prefix('#') {
        Some(hex) if hex.len() == 6 && hex.chars().all(|ch| ch.is_ascii_hexdigit()) => {
            Ok(c.to_ascii_lowercase())
        }
        _ => Err(DomainError::invalid(format!(
            "\"{c}\" is not a colour; use the form #rrggbb, e.g. #3b5bdb"
        ))),
    }
}

/// A logo address: empty (no logo) or an `http://` / `https://` URL without spaces or quotes.
pub fn parse_logo_url(input: &str) -> Result<String, DomainError> {
    let url = input.trim();
    if url.is_empty() {
        return Ok(String::new());
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let host_ok = rest
        .and_then(|r| r.split(['/', '?', '#']).next())
        .is_some_and(|h| !h.is_empty());
    let clean = url
        .chars()
        .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`'));
    if host_ok && clean && url.len() <= 500 {
        Ok(url.to_string())
    } else {
        Err(DomainError::invalid(
            "The logo must be an http:// or https:// address (or left empty).",
        ))
    }
}

/// An invoice number prefix: 1 to 10 uppercase letters, digits, hyphens or slashes.
pub fn parse_invoice_prefix(input: &str) -> Result<String, DomainError> {
    let p = input.trim();
    let ok = (1..=10).contains(&p.len())
        && p.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '/');
    if ok {
        Ok(p.to_string())
    } else {
        Err(DomainError::invalid(
            "The invoice prefix must be 1 to 10 uppercase letters, digits, - or /.",
        ))
    }
}

/// What happens to an instance when its trial ends without a purchase.
pub fn parse_trial_end_action(input: &str) -> Result<&'static str, DomainError> {
    match input.trim() {
        "suspend" => Ok("suspend"),
        "archive" => Ok("archive"),
        other => Err(DomainError::invalid(format!(
            "\"{other}\" is not a trial end action; use suspend or archive"
        ))),
    }
}

#[cfg(test)]
mod tests;
