//! [`ManualGateway`]: offline methods, pending charges, refunds and voids.

use super::*;

#[test]
fn manual_gateway_tokenize() {
    let bank = ManualGateway
        .tokenize(&PaymentMethodInput::BankTransfer)
        .unwrap();
    assert_eq!(bank.gateway, "manual");
    assert_eq!(bank.brand, "Bank transfer");
    assert_eq!(bank.last4, "");
    assert_eq!((bank.exp_month, bank.exp_year), (0, 0));
    assert!(!bank.is_card());
    assert_eq!(bank.label(), "Bank transfer");
    let cod = ManualGateway
        .tokenize(&PaymentMethodInput::CashOnDelivery)
        .unwrap();
    assert_eq!(cod.brand, "Cash on delivery");
    assert_ne!(cod.token, bank.token);
    assert_eq!(
        err(ManualGateway.tokenize(&card("4242424242424242"))),
        "Cards are paid through the card gateway"
    );
}

#[test]
fn manual_gateway_charges_are_pending_with_instructions() {
    let gw = ManualGateway;
    let bank = gw.tokenize(&PaymentMethodInput::BankTransfer).unwrap();
    let req = ChargeRequest::new("invoice-7", eur(1250), "Invoice 7");
    let outcome = gw.charge(&req, &bank);
    let ChargeOutcome::Pending {
        reference,
        due_days,
        instructions,
    } = &outcome
    else {
        panic!("expected pending, got {outcome:?}");
    };
    assert_eq!(*due_days, 30);
    assert!(
        reference.starts_with("PAY-") && reference.len() == 16,
        "{reference}"
    );
    assert_eq!(
        instructions,
        &format!("Pay 12.50 EUR by bank transfer within 30 days quoting reference {reference}")
    );
    assert_eq!(gw.charge(&req, &bank), outcome);
    assert!(!outcome.is_captured());
    assert_eq!(outcome.reference(), Some(reference.as_str()));

    let cod = gw.tokenize(&PaymentMethodInput::CashOnDelivery).unwrap();
    let ChargeOutcome::Pending { instructions, .. } = gw.charge(&req, &cod) else {
        panic!("expected pending");
    };
    assert_eq!(
        instructions,
        format!("Pay 12.50 EUR in cash on delivery quoting reference {reference}")
    );

    assert_eq!(
        gw.charge(&ChargeRequest::new("k", eur(0), "x"), &bank)
            .decline_code(),
        Some(DeclineCode::Invalid)
    );
    let card_method = gateway().tokenize(&card("4242424242424242")).unwrap();
    assert_eq!(
        gw.charge(&req, &card_method).decline_code(),
        Some(DeclineCode::Invalid)
    );
}

#[test]
fn manual_refund_and_void() {
    let gw = ManualGateway;
    let bank = gw.tokenize(&PaymentMethodInput::BankTransfer).unwrap();
    let outcome = gw.charge(&ChargeRequest::new("k", eur(100), "x"), &bank);
    let reference = outcome.reference().unwrap();
    let refund = gw.refund(reference, eur(100)).unwrap();
    assert!(refund.starts_with("REF-") && refund.len() == 16, "{refund}");
    assert_eq!(gw.refund(reference, eur(100)).unwrap(), refund);
    assert!(gw.refund(reference, eur(0)).is_err());
    assert!(gw.refund("ch_test_0123456789abcdef", eur(1)).is_err());
    assert!(gw.void(reference).is_ok());
    assert!(gw.void("PAY-abc").is_err());
}
