//! What each member state's VAT number looks like after its prefix.

/// One member state's shape: alternatives of character classes, per position.
pub(super) struct Rule {
    /// Accepted shapes: `9` a digit, `A` a letter, `X` a digit or letter, `+` a digit, letter, `+` or `*`.
    shapes: &'static [&'static str],
    /// A well-formed example for messages.
    pub example: &'static str,
}

impl Rule {
    /// Whether `number` (after the prefix, compact, uppercase) has one of the shapes.
    pub fn matches(&self, number: &str) -> bool {
        self.shapes.iter().any(|shape| {
            shape.len() == number.len()
                && shape.bytes().zip(number.bytes()).all(|(s, c)| match s {
                    b'9' => c.is_ascii_digit(),
                    b'A' => c.is_ascii_uppercase(),
                    b'X' => c.is_ascii_alphanumeric(),
                    b'+' => c.is_ascii_alphanumeric() || c == b'+' || c == b'*',
                    lit => lit == c,
                })
        })
    }
}

const fn r(shapes: &'static [&'static str], example: &'static str) -> Rule {
    Rule { shapes, example }
}

/// The rule of a VAT prefix, `None` outside the EU.
pub(super) fn rule(prefix: &str) -> Option<Rule> {
    Some(match prefix {
        "AT" => r(&["U99999999"], "ATU12345678"),
        "BE" => r(&["9999999999"], "BE0123456789"),
        "BG" => r(&["999999999", "9999999999"], "BG123456789"),
        "CY" => r(&["99999999A"], "CY12345678X"),
        "CZ" => r(&["99999999", "999999999", "9999999999"], "CZ12345678"),
        "DE" => r(&["999999999"], "DE123456789"),
        "DK" => r(&["99999999"], "DK12345678"),
        "EE" => r(&["999999999"], "EE123456789"),
        "EL" => r(&["999999999"], "EL123456789"),
        "ES" => r(&["X9999999X"], "ESX1234567X"),
        "FI" => r(&["99999999"], "FI12345678"),
        "FR" => r(&["XX999999999"], "FR12345678901"),
        "HR" => r(&["99999999999"], "HR12345678901"),
        "HU" => r(&["99999999"], "HU12345678"),
        "IE" => r(&["9999999A", "9999999AA", "9+99999A"], "IE1234567X"),
        "IT" => r(&["99999999999"], "IT12345678901"),
        "LT" => r(&["999999999", "999999999999"], "LT123456789"),
        "LU" => r(&["99999999"], "LU12345678"),
        "LV" => r(&["99999999999"], "LV12345678901"),
        "MT" => r(&["99999999"], "MT12345678"),
        "NL" => r(&["999999999B99"], "NL123456789B01"),
        "PL" => r(&["9999999999"], "PL1234567890"),
        "PT" => r(&["999999999"], "PT123456789"),
        "RO" => r(
            &[
                "99",
                "999",
                "9999",
                "99999",
                "999999",
                "9999999",
                "99999999",
                "999999999",
                "9999999999",
            ],
            "RO1234567890",
        ),
        "SE" => r(&["999999999901"], "SE123456789701"),
        "SI" => r(&["99999999"], "SI12345678"),
        "SK" => r(&["9999999999"], "SK1234567890"),
        _ => return None,
    })
}
