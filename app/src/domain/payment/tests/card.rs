//! Card number, brand, expiry and security code validation.

use super::*;

#[test]
fn luhn_accepts_known_valid_numbers() {
    for valid in [
        "4242424242424242",
        "4242 4242 4242 4242",
        "4242-4242-4242-4242",
        " 5555 5555 5555 4444 ",
        "378282246310005",
        "6011111111111117",
        "2223003122003222",
        "4000056655665556",
        "79927398713",
    ]
    .into_iter()
    .filter(|n| n.chars().filter(char::is_ascii_digit).count() >= 12)
    {
        assert!(CardNumber::parse(valid).is_ok(), "{valid}");
    }
    for (number, _) in TEST_CARDS {
        assert!(CardNumber::parse(number).is_ok(), "{number}");
    }
    assert!(luhn_valid("79927398713"));
}

#[test]
fn luhn_rejects_known_invalid_numbers() {
    for invalid in [
        "4242424242424241",
        "4242424242424243",
        "5555555555554440",
        "378282246310006",
        "1234567812345678",
        "4242424242424224",
    ] {
        assert_eq!(
            err(CardNumber::parse(invalid)),
            "This card number is not valid (check the digits)",
            "{invalid}"
        );
    }
    assert!(!luhn_valid("79927398710"));
}

#[test]
fn card_number_length_and_characters() {
    assert_eq!(err(CardNumber::parse("")), "Card number is required");
    assert_eq!(err(CardNumber::parse(" - ")), "Card number is required");
    for bad in [
        "42424242424",
        "42424242424242424242",
        "4242 4242 4242 424a",
        "4242.4242.4242.4242",
        "4242_4242_4242_4242",
        "４２４２４２４２４２４２４２４２",
        "+4242424242424242",
    ] {
        assert_eq!(
            err(CardNumber::parse(bad)),
            "Card number must be 12 to 19 digits",
            "{bad}"
        );
    }
    let twelve = with_check_digit("42424242424");
    assert_eq!(twelve.len(), 12);
    assert!(CardNumber::parse(&twelve).is_ok());
    let nineteen = with_check_digit(&"4".repeat(18));
    assert!(CardNumber::parse(&nineteen).is_ok());
}

#[test]
fn brand_detection() {
    let cases = [
        ("4242424242424242", CardBrand::Visa, "Visa"),
        ("5105105105105100", CardBrand::Mastercard, "Mastercard"),
        ("5555555555554444", CardBrand::Mastercard, "Mastercard"),
        ("2221000000000009", CardBrand::Mastercard, "Mastercard"),
        ("2720990000000007", CardBrand::Mastercard, "Mastercard"),
        ("378282246310005", CardBrand::Amex, "American Express"),
        ("371449635398431", CardBrand::Amex, "American Express"),
        ("6011111111111117", CardBrand::Discover, "Discover"),
        ("6500000000000002", CardBrand::Discover, "Discover"),
    ];
    for (number, brand, name) in cases {
        let parsed = CardNumber::parse(&with_check_digit(&number[..number.len() - 1])).unwrap();
        assert_eq!(parsed.brand(), brand, "{number}");
        assert_eq!(parsed.brand().to_string(), name);
    }
    for other in [
        "2220", "2721", "5000", "5600", "3500", "6010", "6400", "3300", "1234",
    ] {
        let number = with_check_digit(&format!("{other}00000000000"));
        assert_eq!(
            CardNumber::parse(&number).unwrap().brand(),
            CardBrand::Other,
            "{number}"
        );
    }
    assert_eq!(CardBrand::Other.as_str(), "Card");
    assert_eq!(CardBrand::Amex.cvc_digits(), 4);
    assert_eq!(CardBrand::Visa.cvc_digits(), 3);
}

#[test]
fn last4_and_masked_debug() {
    let number = CardNumber::parse("4242 4242 4242 4242").unwrap();
    assert_eq!(number.last4(), "4242");
    assert_eq!(number.expose_digits(), "4242424242424242");
    assert_eq!(format!("{number:?}"), "CardNumber(Visa ****4242)");
    assert_eq!(format!("{number:#?}"), "CardNumber(Visa ****4242)");
    let cvc = Cvc::parse("987").unwrap();
    assert_eq!(format!("{cvc:?}"), "Cvc(***)");
    let input = card("5555555555554444");
    let shown = format!("{input:?}");
    assert!(!shown.contains("5555555555554444"), "{shown}");
    assert!(!shown.contains("123"), "{shown}");
    assert!(shown.contains("****4444"), "{shown}");
}

#[test]
fn expiry_accepts_current_month_and_two_digit_years() {
    let e = CardExpiry::parse(3, 2025, today()).unwrap();
    assert_eq!((e.month(), e.year()), (3, 2025));
    assert_eq!(e.to_string(), "03/2025");
    assert_eq!(CardExpiry::parse(3, 25, today()).unwrap(), e);
    assert!(CardExpiry::parse(3, 25, date(2025, 3, 31)).is_ok());
    assert_eq!(
        CardExpiry::parse(1, 0, date(2000, 1, 1)).unwrap().year(),
        2000
    );
    assert_eq!(CardExpiry::parse(3, 45, today()).unwrap().year(), 2045);
    assert_eq!(
        CardExpiry::parse(12, 99, date(2090, 1, 1)).unwrap().year(),
        2099
    );
    assert_eq!(
        CardExpiry::parse(11, 2030, today()).unwrap().to_string(),
        "11/2030"
    );
}

#[test]
fn expiry_rejects_expired_cards() {
    assert_eq!(
        err(CardExpiry::parse(3, 2025, date(2025, 4, 1))),
        "This card expired in 03/2025"
    );
    assert_eq!(
        err(CardExpiry::parse(2, 25, today())),
        "This card expired in 02/2025"
    );
    assert_eq!(
        err(CardExpiry::parse(12, 24, today())),
        "This card expired in 12/2024"
    );
    assert!(CardExpiry::parse(1, 2025, date(2025, 12, 31)).is_err());
}

#[test]
fn expiry_rejects_bad_months_years_and_far_future() {
    for month in [0, 13, u32::MAX] {
        assert_eq!(
            err(CardExpiry::parse(month, 2026, today())),
            "Expiry month must be between 1 and 12"
        );
    }
    for year in [100, 202, 999] {
        assert_eq!(
            err(CardExpiry::parse(1, year, today())),
            "Expiry year must have 2 or 4 digits"
        );
    }
    assert!(CardExpiry::parse(3, 2045, today()).is_ok());
    assert_eq!(
        err(CardExpiry::parse(4, 2045, today())),
        "The expiry date 04/2045 is too far in the future; check the year"
    );
    assert!(err(CardExpiry::parse(1, u32::MAX, today())).contains("too far in the future"));
    assert!(CardExpiry::parse(1, 1999, today()).is_err());
}

#[test]
fn expiry_is_expired_on() {
    let e = CardExpiry::parse(3, 2025, today()).unwrap();
    assert!(!e.is_expired_on(date(2025, 3, 31)));
    assert!(!e.is_expired_on(date(2024, 12, 1)));
    assert!(e.is_expired_on(date(2025, 4, 1)));
    assert!(e.is_expired_on(date(2026, 1, 1)));
}

#[test]
fn cvc_parse() {
    assert_eq!(Cvc::parse("123").unwrap().digit_count(), 3);
    assert_eq!(Cvc::parse(" 1234 ").unwrap().digit_count(), 4);
    assert_eq!(Cvc::parse("0042").unwrap().expose_digits(), "0042");
    assert_eq!(err(Cvc::parse(" ")), "Security code is required");
    for bad in ["12", "12345", "12a", "1 23", "١٢٣", "-123"] {
        assert_eq!(
            err(Cvc::parse(bad)),
            "Security code must be 3 or 4 digits",
            "{bad}"
        );
    }
}
