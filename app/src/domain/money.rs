//! Currency codes and exact money amounts stored in minor units (two decimals for every currency).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::DomainError;

/// An ISO-4217-style currency code: exactly three ASCII uppercase letters.
///
/// Serializes as its string form, e.g. `"EUR"`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

impl Currency {
    /// Euro.
    pub const EUR: Currency = Currency(*b"EUR");
    /// US dollar.
    pub const USD: Currency = Currency(*b"USD");
    /// Pound sterling.
    pub const GBP: Currency = Currency(*b"GBP");

    /// Parses a currency code such as `"EUR"`; lowercase or padded input is rejected.
    pub fn parse(code: &str) -> Result<Currency, DomainError> {
        match code.as_bytes() {
            [a, b, c] if [a, b, c].iter().all(|x| x.is_ascii_uppercase()) => {
                Ok(Currency([*a, *b, *c]))
            }
            _ => Err(DomainError::invalid(format!(
                "\"{code}\" is not a valid currency code; use three uppercase letters such as EUR"
            ))),
        }
    }

    /// Returns the code, e.g. `"EUR"`.
    pub fn as_str(&self) -> &str {
        // The bytes are always ASCII uppercase letters, so this never falls back.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.as_str())
    }
}

impl std::str::FromStr for Currency {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::parse(s)
    }
}

impl TryFrom<String> for Currency {
    type Error = DomainError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Currency::parse(&value)
    }
}

impl From<Currency> for String {
    fn from(value: Currency) -> Self {
        value.as_str().to_owned()
    }
}

/// An exact amount of money in minor units (cents); negative amounts represent credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// Amount in minor units, e.g. `1250` for 12.50.
    pub minor: i64,
    /// Currency of the amount.
    pub currency: Currency,
}

impl Money {
    /// Number of decimal places every currency uses.
    pub const DECIMALS: u32 = 2;
    const SCALE: i64 = 100;

    /// Creates an amount from minor units; negative values are allowed (credits).
    pub const fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// A zero amount in `currency`.
    pub const fn zero(currency: Currency) -> Money {
        Money::new(0, currency)
    }

    /// Returns `true` for credits (amounts below zero).
    pub const fn is_negative(&self) -> bool {
        self.minor < 0
    }

    /// Returns `true` if the amount is exactly zero.
    pub const fn is_zero(&self) -> bool {
        self.minor == 0
    }

    /// Adds two amounts; fails on a currency mismatch or overflow.
    pub fn checked_add(&self, other: &Money) -> Result<Money, DomainError> {
        if self.currency != other.currency {
            return Err(DomainError::invalid(format!(
                "Cannot add amounts in different currencies ({} and {})",
                self.currency, other.currency
            )));
        }
        self.minor
            .checked_add(other.minor)
            .map(|minor| Money::new(minor, self.currency))
            .ok_or_else(too_large)
    }

    /// Multiplies the amount by a quantity; fails on overflow.
    pub fn times(&self, qty: u32) -> Result<Money, DomainError> {
        self.minor
            .checked_mul(i64::from(qty))
            .map(|minor| Money::new(minor, self.currency))
            .ok_or_else(too_large)
    }

    /// Parses a decimal amount such as `"12.50"`, `"7"`, `"0.5"` or `"-3.25"`.
    ///
    /// Surrounding whitespace is ignored. At most two decimals are allowed; a
    /// leading `+`, exponents, thousands separators and a bare `"."` are rejected.
    pub fn parse_decimal(input: &str, currency: Currency) -> Result<Money, DomainError> {
        let s = input.trim();
        let invalid = || {
            DomainError::invalid(format!(
                "\"{s}\" is not a valid amount; use a number like 12.50"
            ))
        };
        if s.is_empty() {
            return Err(DomainError::invalid("Amount is required"));
        }
        let (negative, unsigned) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (whole, fraction) = match unsigned.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (unsigned, None),
        };
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        let cents: i128 = match fraction {
            None => 0,
            Some(f) if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) => {
                return Err(invalid());
            }
            Some(f) if f.len() > Money::DECIMALS as usize => {
                return Err(DomainError::invalid(format!(
                    "\"{s}\" has too many decimals; use at most 2"
                )));
            }
            Some(f) => {
                let digits = digits_value(f).ok_or_else(too_large)?;
                if f.len() == 1 {
                    digits * 10
                } else {
                    digits
                }
            }
        };
        let magnitude = digits_value(whole)
            .and_then(|w| w.checked_mul(i128::from(Money::SCALE)))
            .and_then(|w| w.checked_add(cents))
            .ok_or_else(too_large)?;
        let signed = if negative { -magnitude } else { magnitude };
        i64::try_from(signed)
            .map(|minor| Money::new(minor, currency))
            .map_err(|_| too_large())
    }

    /// Formats the amount without currency, e.g. `"12.50"` or `"-0.05"`;
    /// the result is accepted by [`Money::parse_decimal`].
    pub fn to_decimal_string(&self) -> String {
        let sign = if self.is_negative() { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        let scale = Money::SCALE.unsigned_abs();
        format!("{sign}{}.{:02}", abs / scale, abs % scale)
    }

    /// Formats for people, with thousands separators: `"1,157.87 EUR"` (invoices; the plain
    /// [`Display`](fmt::Display) form stays parseable).
    pub fn grouped(&self) -> String {
        let sign = if self.is_negative() { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        let scale = Money::SCALE.unsigned_abs();
        let whole = (abs / scale).to_string();
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        format!("{sign}{grouped}.{:02} {}", abs % scale, self.currency)
    }
}

impl fmt::Display for Money {
    /// Formats as `"12.50 EUR"` or `"-12.50 EUR"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.to_decimal_string(), self.currency)
    }
}

fn too_large() -> DomainError {
    DomainError::invalid("Amount is too large")
}

/// Parses ASCII digits into an `i128`, returning `None` on overflow.
fn digits_value(digits: &str) -> Option<i128> {
    digits.bytes().try_fold(0i128, |acc, b| {
        acc.checked_mul(10)?.checked_add(i128::from(b - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EUR: Currency = Currency::EUR;

    fn eur(minor: i64) -> Money {
        Money::new(minor, EUR)
    }

    #[test]
    fn grouped_separates_thousands() {
        assert_eq!(eur(115_787).grouped(), "1,157.87 EUR");
        assert_eq!(eur(5).grouped(), "0.05 EUR");
        assert_eq!(eur(-123_456_789).grouped(), "-1,234,567.89 EUR");
        assert_eq!(eur(100_000).grouped(), "1,000.00 EUR");
        assert_eq!(eur(99_999).grouped(), "999.99 EUR");
    }

    #[test]
    fn currency_parse_accepts_three_uppercase_letters() {
        assert_eq!(Currency::parse("EUR").unwrap(), Currency::EUR);
        assert_eq!(Currency::parse("CHF").unwrap().as_str(), "CHF");
        assert_eq!("USD".parse::<Currency>().unwrap(), Currency::USD);
    }

    #[test]
    fn currency_parse_rejects_everything_else() {
        for bad in [
            "", "E", "EU", "EURO", "eur", "Eur", " EUR", "EUR ", "E1R", "E-R", "ÉUR", "€",
        ] {
            let err = Currency::parse(bad).unwrap_err();
            assert!(
                err.to_string().contains("not a valid currency code"),
                "{bad}"
            );
        }
    }

    #[test]
    fn currency_display_debug_and_serde() {
        assert_eq!(Currency::GBP.to_string(), "GBP");
        assert_eq!(format!("{:?}", Currency::GBP), "Currency(GBP)");
        assert_eq!(serde_json::to_string(&Currency::EUR).unwrap(), "\"EUR\"");
        let back: Currency = serde_json::from_str("\"USD\"").unwrap();
        assert_eq!(back, Currency::USD);
        assert!(serde_json::from_str::<Currency>("\"usd\"").is_err());
        assert!(serde_json::from_str::<Currency>("\"EURO\"").is_err());
        assert!(serde_json::from_str::<Currency>("42").is_err());
    }

    #[test]
    fn money_serde_round_trip() {
        let m = eur(-1250);
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"minor":-1250,"currency":"EUR"}"#);
        assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
        assert!(serde_json::from_str::<Money>(r#"{"minor":1,"currency":"eu"}"#).is_err());
    }

    #[test]
    fn display_formats_two_decimals() {
        assert_eq!(eur(1250).to_string(), "12.50 EUR");
        assert_eq!(eur(-1250).to_string(), "-12.50 EUR");
        assert_eq!(eur(0).to_string(), "0.00 EUR");
        assert_eq!(eur(5).to_string(), "0.05 EUR");
        assert_eq!(eur(-5).to_string(), "-0.05 EUR");
        assert_eq!(eur(100).to_string(), "1.00 EUR");
        assert_eq!(
            Money::new(123_456_789, Currency::USD).to_string(),
            "1234567.89 USD"
        );
        assert_eq!(eur(i64::MAX).to_string(), "92233720368547758.07 EUR");
        assert_eq!(eur(i64::MIN).to_string(), "-92233720368547758.08 EUR");
    }

    #[test]
    fn negative_and_zero_predicates() {
        assert!(eur(-1).is_negative());
        assert!(!eur(0).is_negative());
        assert!(!eur(1).is_negative());
        assert!(eur(0).is_zero());
        assert_eq!(Money::zero(EUR), eur(0));
    }

    #[test]
    fn checked_add_works_and_reports_errors() {
        assert_eq!(eur(1250).checked_add(&eur(-250)).unwrap(), eur(1000));
        let err = eur(1)
            .checked_add(&Money::new(1, Currency::USD))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "Cannot add amounts in different currencies (EUR and USD)"
        );
        let err = eur(i64::MAX).checked_add(&eur(1)).unwrap_err();
        assert_eq!(err.to_string(), "Amount is too large");
        assert!(eur(i64::MIN).checked_add(&eur(-1)).is_err());
    }

    #[test]
    fn times_multiplies_and_detects_overflow() {
        assert_eq!(eur(1250).times(3).unwrap(), eur(3750));
        assert_eq!(eur(1250).times(0).unwrap(), eur(0));
        assert_eq!(eur(-5).times(2).unwrap(), eur(-10));
        assert_eq!(eur(1).times(u32::MAX).unwrap(), eur(i64::from(u32::MAX)));
        assert!(eur(i64::MAX / 2 + 1).times(2).is_err());
        assert!(eur(i64::MIN).times(2).is_err());
    }

    #[test]
    fn parse_decimal_accepts_valid_amounts() {
        let cases = [
            ("12.50", 1250),
            ("12.5", 1250),
            ("12", 1200),
            ("0", 0),
            ("0.05", 5),
            ("-0.05", -5),
            ("-12.50", -1250),
            ("-0", 0),
            ("007.10", 710),
            ("  3.99\n", 399),
            ("92233720368547758.07", i64::MAX),
            ("-92233720368547758.08", i64::MIN),
        ];
        for (input, minor) in cases {
            assert_eq!(
                Money::parse_decimal(input, EUR).unwrap(),
                eur(minor),
                "{input}"
            );
        }
    }

    #[test]
    fn parse_decimal_rejects_garbage() {
        for bad in [
            "+12.50", "1e3", "1E3", "12.", ".5", "-.5", "-", ".", "--1", "1.2.3", "1,50", "1 000",
            "abc", "12.5a", "0x10", "١٢", "12.-5", "- 1", "NaN", "inf",
        ] {
            let err = Money::parse_decimal(bad, EUR).unwrap_err();
            assert!(
                err.to_string().contains("is not a valid amount"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn parse_decimal_specific_errors() {
        assert_eq!(
            Money::parse_decimal("   ", EUR).unwrap_err().to_string(),
            "Amount is required"
        );
        assert_eq!(
            Money::parse_decimal("12.505", EUR).unwrap_err().to_string(),
            "\"12.505\" has too many decimals; use at most 2"
        );
        assert_eq!(
            Money::parse_decimal("92233720368547758.08", EUR)
                .unwrap_err()
                .to_string(),
            "Amount is too large"
        );
        assert!(Money::parse_decimal("-92233720368547758.09", EUR).is_err());
        assert!(Money::parse_decimal(&"9".repeat(200), EUR).is_err());
    }

    proptest! {
        #[test]
        fn checked_add_is_commutative_and_never_panics(a in any::<i64>(), b in any::<i64>()) {
            let (x, y) = (eur(a), eur(b));
            prop_assert_eq!(x.checked_add(&y), y.checked_add(&x));
            match a.checked_add(b) {
                Some(sum) => prop_assert_eq!(x.checked_add(&y), Ok(eur(sum))),
                None => prop_assert!(x.checked_add(&y).is_err()),
            }
        }

        #[test]
        fn display_parse_round_trip(minor in any::<i64>()) {
            let money = eur(minor);
            let shown = money.to_string();
            let number = shown.strip_suffix(" EUR").unwrap();
            prop_assert_eq!(number, money.to_decimal_string());
            prop_assert_eq!(Money::parse_decimal(number, EUR), Ok(money));
        }

        #[test]
        fn times_matches_repeated_addition(minor in -1_000_000i64..1_000_000, qty in 0u32..50) {
            let mut total = eur(0);
            for _ in 0..qty {
                total = total.checked_add(&eur(minor)).unwrap();
            }
            prop_assert_eq!(eur(minor).times(qty), Ok(total));
        }

        #[test]
        fn parse_decimal_never_panics(s in "\\PC{0,30}") {
            let _ = Money::parse_decimal(&s, EUR);
        }

        #[test]
        fn parse_decimal_accepts_canonical_numbers(whole in 0u64..1_000_000_000, cents in 0u64..100) {
            let text = format!("{whole}.{cents:02}");
            let expected = i64::try_from(whole * 100 + cents).unwrap();
            prop_assert_eq!(Money::parse_decimal(&text, EUR), Ok(eur(expected)));
        }
    }
}
