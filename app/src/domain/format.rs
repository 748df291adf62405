//! How amounts, dates and billing periods are written for people, per locale: the one place
//! pages, mails and documents format them (`Money`'s own `Display`, `12.50 EUR`, is for logs and
//! machines).
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::money::Money;

/// A language and its conventions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    /// English: `€1,157.87`, `29 Nov 2027`.
    #[default]
    En,
    /// German: `1.157,87 €`, `29. Nov. 2027`.
    De,
}

impl Locale {
    /// The language tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
        }
    }
}

/// The symbol of a currency, when it has a common one.
fn symbol(code: &str) -> Option<&'static str> {
    match code {
        "EUR" => Some("\u{20ac}"),
        "USD" => Some("$"),
        "GBP" => Some("\u{a3}"),
        _ => None,
    }
}

/// Groups the digits of a whole number by three with `sep`.
fn group(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// An amount given in minor units of currency `code` (the code itself when it is none).
pub fn money_of(minor: i64, code: &str, locale: Locale) -> String {
    match super::Currency::parse(code) {
        Ok(currency) => money(&Money::new(minor, currency), locale),
        Err(_) => format!("{minor} {code}"),
    }
}

/// An amount with its currency symbol and thousands separators: `€1,157.87` in English,
/// `1.157,87 €` in German; a currency without a symbol keeps its code (`1,157.87 SEK`).
pub fn money(m: &Money, locale: Locale) -> String {
    let plain = m.to_decimal_string();
    let (sign, unsigned) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (whole, cents) = unsigned.split_once('.').unwrap_or((unsigned, "00"));
    let code = m.currency.as_str();
    match locale {
        Locale::En => {
            let number = format!("{}.{cents}", group(whole, ','));
            match symbol(code) {
                Some(s) => format!("{sign}{s}{number}"),
                None => format!("{sign}{number} {code}"),
            }
        }
        Locale::De => {
            let number = format!("{},{cents}", group(whole, '.'));
            format!("{sign}{number}\u{a0}{}", symbol(code).unwrap_or(code))
        }
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_DE: [&str; 12] = [
    "Jan.",
    "Feb.",
    "M\u{e4}rz",
    "Apr.",
    "Mai",
    "Juni",
    "Juli",
    "Aug.",
    "Sept.",
    "Okt.",
    "Nov.",
    "Dez.",
];

/// A day in words: `29 Nov 2027` in English, `29. Nov. 2027` in German.
pub fn date(d: NaiveDate, locale: Locale) -> String {
    let m = d.month0() as usize;
    match locale {
        Locale::En => format!("{} {} {}", d.day(), MONTHS_EN[m], d.year()),
        Locale::De => format!("{}. {} {}", d.day(), MONTHS_DE[m], d.year()),
    }
}

/// A moment in words, to the minute in UTC: `3 Mar 2026, 14:05 UTC`.
pub fn moment(t: chrono::DateTime<chrono::Utc>, locale: Locale) -> String {
    use chrono::Timelike;
    format!(
        "{}, {:02}:{:02} UTC",
        date(t.date_naive(), locale),
        t.hour(),
        t.minute()
    )
}

/// How often a period of `months` recurs: `every month`, `every year`, `every 3 months`.
pub fn every(months: u32, locale: Locale) -> String {
    match (locale, months) {
        (Locale::En, 1) => "every month".into(),
        (Locale::En, 12) => "every year".into(),
        (Locale::En, m) if m.is_multiple_of(12) => format!("every {} years", m / 12),
        (Locale::En, m) => format!("every {m} months"),
        (Locale::De, 1) => "monatlich".into(),
        (Locale::De, 12) => "j\u{e4}hrlich".into(),
        (Locale::De, m) if m.is_multiple_of(12) => format!("alle {} Jahre", m / 12),
        (Locale::De, m) => format!("alle {m} Monate"),
    }
}

/// A share given in basis points, to one decimal: `12.5 %` (`-3.0 %` for net growth).
pub fn percent(basis_points: i64) -> String {
    let sign = if basis_points < 0 { "-" } else { "" };
    let tenths = (basis_points.unsigned_abs() + 5) / 10;
    format!("{sign}{}.{} %", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;
    use proptest::prelude::*;

    fn eur(minor: i64) -> Money {
        Money::new(minor, Currency::EUR)
    }

    #[test]
    fn shares_read_to_a_tenth_of_a_percent() {
        assert_eq!(percent(1_250), "12.5 %");
        assert_eq!(percent(0), "0.0 %");
        assert_eq!(percent(-300), "-3.0 %");
        assert_eq!(percent(996), "10.0 %");
        assert_eq!(percent(10_000), "100.0 %");
    }

    #[test]
    fn money_reads_as_people_write_it() {
        assert_eq!(money(&eur(115_787), Locale::En), "\u{20ac}1,157.87");
        assert_eq!(money(&eur(115_787), Locale::De), "1.157,87\u{a0}\u{20ac}");
        assert_eq!(money(&eur(5), Locale::En), "\u{20ac}0.05");
        assert_eq!(
            money(&eur(-123_456_789), Locale::En),
            "-\u{20ac}1,234,567.89"
        );
        assert_eq!(
            money(&Money::new(100_000, Currency::USD), Locale::En),
            "$1,000.00"
        );
        let sek = Currency::parse("SEK").unwrap();
        assert_eq!(money(&Money::new(100_000, sek), Locale::En), "1,000.00 SEK");
    }

    #[test]
    fn dates_are_in_words() {
        let d = NaiveDate::from_ymd_opt(2027, 11, 29).unwrap();
        assert_eq!(date(d, Locale::En), "29 Nov 2027");
        assert_eq!(date(d, Locale::De), "29. Nov. 2027");
    }

    #[test]
    fn periods_are_in_words() {
        assert_eq!(every(1, Locale::En), "every month");
        assert_eq!(every(12, Locale::En), "every year");
        assert_eq!(every(24, Locale::En), "every 2 years");
        assert_eq!(every(3, Locale::En), "every 3 months");
        assert_eq!(every(12, Locale::De), "j\u{e4}hrlich");
    }

    proptest! {
        /// Removing the grouping gives back the plain decimal amount.
        #[test]
        fn grouping_keeps_the_digits(minor in -10_000_000_000i64..10_000_000_000) {
            let m = eur(minor);
            let en: String = money(&m, Locale::En).chars().filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-').collect();
            prop_assert_eq!(en, m.to_decimal_string());
        }
    }
}
