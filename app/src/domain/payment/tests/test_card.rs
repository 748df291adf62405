//! [`TestCardGateway`]: tokenizing, test card behaviours, charges, refunds and voids.

use super::*;

#[test]
fn tokenize_stores_only_safe_details() {
    let gw = gateway();
    let method = gw.tokenize(&card("4242 4242 4242 4242")).unwrap();
    assert_eq!(method.gateway, "test_card");
    assert_eq!(method.brand, "Visa");
    assert_eq!(method.last4, "4242");
    assert_eq!((method.exp_month, method.exp_year), (12, 2030));
    assert!(method.token.starts_with("tok_test_"));
    assert!(method.token.ends_with("_ok"));
    assert_eq!(method.token.len(), "tok_test_".len() + 16 + "_ok".len());
    assert!(!method.token.contains("4242424242424242"));
    assert!(method.is_card());
    assert_eq!(method.label(), "Visa ending in 4242 (expires 12/2030)");
    // Same card, same token; different card, different token.
    assert_eq!(gw.tokenize(&card("4242424242424242")).unwrap(), method);
    assert_ne!(
        gw.tokenize(&card("4012888888881881")).unwrap().token,
        method.token
    );
    let json = serde_json::to_string(&method).unwrap();
    assert!(!json.contains("4242424242424242"), "{json}");
    assert!(!json.contains("123"), "{json}");
    let back: StoredPaymentMethod = serde_json::from_str(&json).unwrap();
    assert_eq!(back, method);
}

#[test]
fn tokenize_checks_cvc_length_per_brand() {
    let gw = gateway();
    let expiry = CardExpiry::parse(1, 2027, today()).unwrap();
    let input = |number: &str, cvc: &str| PaymentMethodInput::Card {
        number: CardNumber::parse(number).unwrap(),
        expiry,
        cvc: Cvc::parse(cvc).unwrap(),
    };
    assert_eq!(
        err(gw.tokenize(&input("378282246310005", "123"))),
        "American Express cards have a 4-digit security code"
    );
    assert_eq!(
        gw.tokenize(&input("378282246310005", "1234"))
            .unwrap()
            .brand,
        "American Express"
    );
    assert_eq!(
        err(gw.tokenize(&input("4242424242424242", "1234"))),
        "The security code of this card has 3 digits"
    );
}

#[test]
fn tokenize_refuses_offline_methods_and_cards_expired_since_entry() {
    let gw = gateway();
    assert!(gw.tokenize(&PaymentMethodInput::BankTransfer).is_err());
    assert!(gw.tokenize(&PaymentMethodInput::CashOnDelivery).is_err());
    let input = PaymentMethodInput::Card {
        number: CardNumber::parse("4242424242424242").unwrap(),
        expiry: CardExpiry::parse(2, 2025, date(2025, 2, 1)).unwrap(),
        cvc: Cvc::parse("123").unwrap(),
    };
    assert_eq!(err(gw.tokenize(&input)), "This card expired in 02/2025");
}

#[test]
fn every_documented_test_card_behaves_as_described() {
    let expected = [
        None,
        None,
        Some(DeclineCode::CardDeclined),
        Some(DeclineCode::InsufficientFunds),
        Some(DeclineCode::SuspectedFraud),
    ];
    assert_eq!(TEST_CARDS.len(), expected.len());
    for ((number, description), code) in TEST_CARDS.iter().zip(expected) {
        let outcome = charge_card(number, "key-1", 1250);
        assert_eq!(outcome.decline_code(), code, "{number}: {description}");
        assert_eq!(outcome.is_captured(), code.is_none(), "{number}");
        if let ChargeOutcome::Declined { message, .. } = &outcome {
            assert!(message.ends_with('.'), "{message}");
            assert!(!message.to_lowercase().contains("fraud"), "{message}");
        }
    }
    assert_eq!(
        charge_card("4242424242424242", "k", 100),
        ChargeOutcome::Captured {
            reference: format!("ch_test_{}", fnv1a_hex(b"k"))
        }
    );
    assert_eq!(
        charge_card("5555555555554444", "k", 100).reference(),
        Some(format!("ch_test_{}", fnv1a_hex(b"k")).as_str())
    );
    assert_eq!(
        charge_card("4000000000009995", "k", 100),
        ChargeOutcome::Declined {
            code: DeclineCode::InsufficientFunds,
            message: "Your card has insufficient funds. Please use a different card or contact your bank."
                .into()
        }
    );
    // Any other Luhn-valid number succeeds.
    assert!(charge_card("6011111111111117", "k", 1).is_captured());
    assert!(charge_card("378282246310005", "k", 1).is_captured());
}

#[test]
fn same_idempotency_key_gives_same_reference() {
    let first = charge_card("4242424242424242", "order-42", 1250);
    let again = charge_card("4242424242424242", "order-42", 1250);
    assert_eq!(first, again);
    let other = charge_card("4242424242424242", "order-43", 1250);
    assert_ne!(first.reference(), other.reference());
    assert_eq!(fnv1a_hex(b""), "cbf29ce484222325");
    assert_eq!(fnv1a_hex(b"a"), "af63dc4c8601ec8c");
}

#[test]
fn zero_negative_amounts_and_missing_keys_are_declined_invalid() {
    for minor in [0, -1, i64::MIN] {
        let outcome = charge_card("4242424242424242", "k", minor);
        assert_eq!(
            outcome,
            ChargeOutcome::Declined {
                code: DeclineCode::Invalid,
                message: "The payment amount must be greater than zero.".into()
            }
        );
    }
    assert_eq!(
        charge_card("4242424242424242", "  ", 100).decline_code(),
        Some(DeclineCode::Invalid)
    );
}

#[test]
fn card_gateway_declines_foreign_or_tampered_methods() {
    let gw = gateway();
    let req = ChargeRequest::new("k", eur(100), "x");
    let good = gw.tokenize(&card("4242424242424242")).unwrap();
    let tampered = [
        StoredPaymentMethod {
            gateway: "manual".into(),
            ..good.clone()
        },
        StoredPaymentMethod {
            token: "tok_test_zz_ok".into(),
            ..good.clone()
        },
        StoredPaymentMethod {
            token: format!("{}_steal", &good.token[..25]),
            ..good.clone()
        },
        StoredPaymentMethod {
            exp_month: 0,
            ..good.clone()
        },
        ManualGateway
            .tokenize(&PaymentMethodInput::BankTransfer)
            .unwrap(),
    ];
    for method in tampered {
        assert_eq!(
            gw.charge(&req, &method).decline_code(),
            Some(DeclineCode::Invalid),
            "{method:?}"
        );
    }
    assert!(gw.charge(&req, &good).is_captured());
}

#[test]
fn stored_card_that_expired_later_is_declined() {
    let clock = clock();
    let gw = TestCardGateway::new(clock.shared());
    let input = PaymentMethodInput::Card {
        number: CardNumber::parse("4242424242424242").unwrap(),
        expiry: CardExpiry::parse(3, 2025, today()).unwrap(),
        cvc: Cvc::parse("123").unwrap(),
    };
    let method = gw.tokenize(&input).unwrap();
    let req = ChargeRequest::new("renewal", eur(999), "Subscription");
    clock.set(Utc.with_ymd_and_hms(2025, 3, 31, 23, 59, 59).unwrap());
    assert!(gw.charge(&req, &method).is_captured());
    clock.set(Utc.with_ymd_and_hms(2025, 4, 1, 0, 0, 0).unwrap());
    assert_eq!(
        gw.charge(&req, &method),
        ChargeOutcome::Declined {
            code: DeclineCode::Expired,
            message: "Your card has expired. Please use a different card.".into()
        }
    );
}

#[test]
fn card_refund_and_void() {
    let gw = gateway();
    let reference = charge_card("4242424242424242", "k", 1000)
        .reference()
        .unwrap()
        .to_owned();
    let refund = gw.refund(&reference, eur(500)).unwrap();
    assert!(refund.starts_with("re_test_"));
    assert_eq!(refund.len(), "re_test_".len() + 16);
    assert_eq!(gw.refund(&reference, eur(500)).unwrap(), refund);
    assert_ne!(gw.refund(&reference, eur(501)).unwrap(), refund);
    for amount in [0, -500] {
        assert_eq!(
            err(gw.refund(&reference, eur(amount))),
            "Refund amount must be greater than zero"
        );
    }
    assert_eq!(
        err(gw.refund("ch_other_123", eur(1))),
        "Unknown payment reference \"ch_other_123\""
    );
    assert!(gw.void(&reference).is_ok());
    assert!(gw.void("").is_err());
    assert!(gw.void("ch_test_XYZ").is_err());
    assert!(gw.void("PAY-0123456789AB").is_err());
}
