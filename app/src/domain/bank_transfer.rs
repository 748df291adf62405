//! Paying by bank transfer: how an IBAN is shown, what a BIC looks like, and the payment
//! reference a storefront asks its customers to quote (`{invoice}` and `{order}` filled in).
//! The IBAN's checksum is checked where it is saved (the backend, with `iban_validate`).
use super::DomainError;

/// The placeholders a reference format may use.
const PLACEHOLDERS: [&str; 2] = ["{invoice}", "{order}"];

/// An IBAN in groups of four, as printed on paper (`DE89 3704 0044 0532 0130 00`).
pub fn group_iban(iban: &str) -> String {
    let compact: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A BIC (ISO 9362): bank code (4 letters), country (2 letters), location (2 letters or digits)
/// and an optional branch (3), stored in capitals; empty means none.
pub fn parse_bic(input: &str) -> Result<String, DomainError> {
    let bic: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    if bic.is_empty() {
        return Ok(bic);
    }
    let b = bic.as_bytes();
    let shape = (b.len() == 8 || b.len() == 11)
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..].iter().all(u8::is_ascii_alphanumeric);
    if shape {
        Ok(bic)
    } else {
        Err(DomainError::invalid(format!(
            "\"{}\" is not a BIC: 8 or 11 letters and digits, e.g. COBADEFFXXX.",
            input.trim()
        )))
    }
}

/// A reference format: 1 to 60 characters with `{invoice}`, `{order}` or both, and no other
/// placeholder (so a typo such as `{invioce}` is caught when saved, not on a customer's invoice).
pub fn parse_reference_format(input: &str) -> Result<String, DomainError> {
    let format = input.trim();
    let mut rest = format.to_string();
    for p in PLACEHOLDERS {
        rest = rest.replace(p, "");
    }
    let uses_one = PLACEHOLDERS.iter().any(|p| format.contains(p));
    if format.is_empty() || format.chars().count() > 60 || !uses_one {
        return Err(DomainError::invalid(
            "The payment reference must be 1 to 60 characters and contain {invoice} or {order}.",
        ));
    }
    if rest.contains('{') || rest.contains('}') {
        return Err(DomainError::invalid(
            "The payment reference may use only the placeholders {invoice} and {order}.",
        ));
    }
    Ok(format.to_string())
}

/// The reference a customer quotes on the transfer.
pub fn payment_reference(format: &str, invoice_number: &str, order_token: &str) -> String {
    format
        .replace("{invoice}", invoice_number)
        .replace("{order}", order_token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans_are_grouped_by_four() {
        assert_eq!(
            group_iban("DE89370400440532013000"),
            "DE89 3704 0044 0532 0130 00"
        );
        assert_eq!(group_iban("DE89 3704"), "DE89 3704");
        assert_eq!(group_iban(""), "");
    }

    #[test]
    fn bics_have_eight_or_eleven_characters() {
        assert_eq!(parse_bic(" cobadeffxxx ").unwrap(), "COBADEFFXXX");
        assert_eq!(parse_bic("COBADEFF").unwrap(), "COBADEFF");
        assert_eq!(parse_bic("").unwrap(), "");
        for bad in [
            "COBADEF",
            "COBADEFFXX",
            "1OBADEFF",
            "COBADE!F",
            "COBADEFFXXXX",
        ] {
            assert!(parse_bic(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reference_formats_use_known_placeholders() {
        assert_eq!(parse_reference_format(" {invoice} ").unwrap(), "{invoice}");
        assert!(parse_reference_format("Order {order} / {invoice}").is_ok());
        for bad in ["", "INVOICE", "{invioce}", "{invoice} {", &"x".repeat(61)] {
            assert!(parse_reference_format(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn references_fill_in_the_numbers() {
        assert_eq!(
            payment_reference("Order {order} / {invoice}", "INV-7", "ab12"),
            "Order ab12 / INV-7"
        );
    }
}
