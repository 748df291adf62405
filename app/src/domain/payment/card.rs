//! Validated card input: the card number (with its brand), expiry month and
//! security code. None of them can be displayed, logged or serialized in full.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::DomainError;

/// The card network, derived from the leading digits of the card number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CardBrand {
    /// Starts with 4.
    Visa,
    /// Starts with 51–55 or 2221–2720.
    Mastercard,
    /// Starts with 34 or 37; uses a 4-digit security code.
    Amex,
    /// Starts with 6011 or 65.
    Discover,
    /// Any other prefix.
    Other,
}

impl CardBrand {
    /// Customer-facing name, e.g. `"Visa"`; [`CardBrand::Other`] is `"Card"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            CardBrand::Visa => "Visa",
            CardBrand::Mastercard => "Mastercard",
            CardBrand::Amex => "American Express",
            CardBrand::Discover => "Discover",
            CardBrand::Other => "Card",
        }
    }

    /// Number of digits of this brand's security code (4 for Amex, else 3).
    pub fn cvc_digits(&self) -> usize {
        match self {
            CardBrand::Amex => 4,
            _ => 3,
        }
    }

    fn detect(digits: &str) -> CardBrand {
        let prefix = |n: usize| digits.get(..n).and_then(|p| p.parse::<u32>().ok());
        match (prefix(1), prefix(2), prefix(4)) {
            (Some(4), _, _) => CardBrand::Visa,
            (_, Some(34 | 37), _) => CardBrand::Amex,
            (_, Some(51..=55), _) | (_, _, Some(2221..=2720)) => CardBrand::Mastercard,
            (_, Some(65), _) | (_, _, Some(6011)) => CardBrand::Discover,
            _ => CardBrand::Other,
        }
    }
}

impl fmt::Display for CardBrand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A Luhn-valid card number of 12 to 19 digits.
///
/// Deliberately has no `Display` and no serde support, and its `Debug` shows
/// only the brand and the last four digits, so the full number cannot end up
/// in logs, JSON or the database by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct CardNumber(String);

impl CardNumber {
    /// Parses a card number; spaces and dashes are ignored.
    pub fn parse(input: &str) -> Result<CardNumber, DomainError> {
        let digits: String = input
            .trim()
            .chars()
            .filter(|c| *c != ' ' && *c != '-')
            .collect();
        if digits.is_empty() {
            return Err(DomainError::invalid("Card number is required"));
        }
        if !(12..=19).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DomainError::invalid("Card number must be 12 to 19 digits"));
        }
        if !luhn_valid(&digits) {
            return Err(DomainError::invalid(
                "This card number is not valid (check the digits)",
            ));
        }
        Ok(CardNumber(digits))
    }

    /// The card network.
    pub fn brand(&self) -> CardBrand {
        CardBrand::detect(&self.0)
    }

    /// The last four digits, e.g. `"4242"`.
    pub fn last4(&self) -> &str {
        self.0.get(self.0.len().saturating_sub(4)..).unwrap_or("")
    }

    /// The full digits, only for handing to a payment provider: never log or store them.
    pub fn expose_digits(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for CardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CardNumber({} ****{})", self.brand(), self.last4())
    }
}

/// Luhn checksum over ASCII digits (the caller guarantees only digits).
pub(super) fn luhn_valid(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// A card's expiry month; the card is valid until the end of that month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CardExpiry {
    pub(super) year: u32,
    pub(super) month: u32,
}

impl CardExpiry {
    /// How far ahead an expiry date may lie, in years.
    pub const MAX_YEARS_AHEAD: u32 = 20;

    /// Validates an expiry date entered on `today`.
    ///
    /// The month must be 1–12; a 2-digit year means 20xx. Cards expiring in the
    /// current month are accepted; expired cards and dates more than
    /// [`CardExpiry::MAX_YEARS_AHEAD`] years ahead are refused.
    pub fn parse(month: u32, year: u32, today: NaiveDate) -> Result<CardExpiry, DomainError> {
        if !(1..=12).contains(&month) {
            return Err(DomainError::invalid(
                "Expiry month must be between 1 and 12",
            ));
        }
        let year = match year {
            0..=99 => 2000 + year,
            100..=999 => {
                return Err(DomainError::invalid("Expiry year must have 2 or 4 digits"));
            }
            _ => year,
        };
        let expiry = CardExpiry { year, month };
        if expiry.is_expired_on(today) {
            return Err(DomainError::invalid(format!(
                "This card expired in {expiry}"
            )));
        }
        if expiry.month_index() - month_index_of(today) > i64::from(Self::MAX_YEARS_AHEAD) * 12 {
            return Err(DomainError::invalid(format!(
                "The expiry date {expiry} is too far in the future; check the year"
            )));
        }
        Ok(expiry)
    }

    /// The month, 1–12.
    pub fn month(&self) -> u32 {
        self.month
    }

    /// The four-digit year.
    pub fn year(&self) -> u32 {
        self.year
    }

    /// Returns `true` if the card can no longer be used on `date`.
    pub fn is_expired_on(&self, date: NaiveDate) -> bool {
        self.month_index() < month_index_of(date)
    }

    fn month_index(&self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }
}

impl fmt::Display for CardExpiry {
    /// Formats as `"03/2027"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{}", self.month, self.year)
    }
}

fn month_index_of(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

/// A card security code of 3 or 4 digits; which length fits the card is
/// checked by the gateway. Never displayed, logged or serialized.
#[derive(Clone, PartialEq, Eq)]
pub struct Cvc(String);

impl Cvc {
    /// Parses a security code; surrounding whitespace is ignored.
    pub fn parse(input: &str) -> Result<Cvc, DomainError> {
        let code = input.trim();
        if code.is_empty() {
            return Err(DomainError::invalid("Security code is required"));
        }
        if !(3..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DomainError::invalid("Security code must be 3 or 4 digits"));
        }
        Ok(Cvc(code.to_owned()))
    }

    /// Number of digits (3 or 4).
    pub fn digit_count(&self) -> usize {
        self.0.len()
    }

    /// The digits, only for handing to a payment provider: never log or store them.
    pub fn expose_digits(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Cvc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cvc(***)")
    }
}
