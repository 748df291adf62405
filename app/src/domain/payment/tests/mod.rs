//! Tests of the payment module, by topic, with the fixtures they share.

mod card;
mod charge;
mod manual;
mod properties;
mod test_card;

use std::fmt;

use chrono::{NaiveDate, TimeZone, Utc};

use super::card::luhn_valid;
use super::reference::fnv1a_hex;
use super::*;
use crate::domain::{Currency, MovableClock};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    date(2025, 3, 15)
}

fn clock() -> MovableClock {
    MovableClock::new(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).unwrap())
}

fn gateway() -> TestCardGateway {
    TestCardGateway::new(clock().shared())
}

fn eur(minor: i64) -> Money {
    Money::new(minor, Currency::EUR)
}

fn card(number: &str) -> PaymentMethodInput {
    let number = CardNumber::parse(number).unwrap();
    let cvc = if number.brand() == CardBrand::Amex {
        "1234"
    } else {
        "123"
    };
    PaymentMethodInput::Card {
        number,
        expiry: CardExpiry::parse(12, 30, today()).unwrap(),
        cvc: Cvc::parse(cvc).unwrap(),
    }
}

fn charge_card(number: &str, key: &str, minor: i64) -> ChargeOutcome {
    let gw = gateway();
    let method = gw.tokenize(&card(number)).unwrap();
    gw.charge(&ChargeRequest::new(key, eur(minor), "Invoice 1"), &method)
}

fn err(result: Result<impl fmt::Debug, DomainError>) -> String {
    result.unwrap_err().to_string()
}

/// Appends the Luhn check digit to `body`.
fn with_check_digit(body: &str) -> String {
    (0..10)
        .map(|d| format!("{body}{d}"))
        .find(|n| luhn_valid(n))
        .unwrap()
}
