use proptest::prelude::*;

use super::*;
use crate::domain::{Currency, Money};

fn eur(minor: i64) -> Money {
    Money::new(minor, Currency::EUR)
}

fn paid(total: i64, paid: i64, credited: i64) -> InvoiceLedger {
    InvoiceLedger {
        total,
        paid,
        credited,
    }
}

fn request(amount: RefundAmount) -> RefundRequest {
    RefundRequest {
        amount,
        destination: RefundDestination::Card,
        reason: "goodwill".into(),
    }
}

#[test]
fn a_full_refund_gives_back_all_that_is_left() {
    let ledger = paid(12_000, 12_000, 2_000);
    let amount = check_refund(&request(RefundAmount::Full), &ledger, Currency::EUR);
    assert_eq!(amount, Ok(eur(10_000)));
}

#[test]
fn a_refund_above_what_is_left_says_how_much_can_be() {
    let ledger = paid(12_000, 12_000, 2_000);
    let err = check_refund(
        &request(RefundAmount::Partial(eur(10_001))),
        &ledger,
        Currency::EUR,
    )
    .unwrap_err();
    assert_eq!(
        err.message(),
        "At most \u{20ac}100.00 can still be refunded on this invoice."
    );
}

#[test]
fn refunds_need_a_reason_a_positive_amount_and_the_invoice_currency() {
    let ledger = paid(500, 500, 0);
    let mut no_reason = request(RefundAmount::Full);
    no_reason.reason = "  ".into();
    assert!(check_refund(&no_reason, &ledger, Currency::EUR).is_err());
    let zero = request(RefundAmount::Partial(eur(0)));
    assert!(check_refund(&zero, &ledger, Currency::EUR).is_err());
    let dollars = request(RefundAmount::Partial(Money::new(100, Currency::USD)));
    let err = check_refund(&dollars, &ledger, Currency::EUR).unwrap_err();
    assert!(err.message().contains("in EUR"), "{}", err.message());
}

#[test]
fn nothing_paid_means_nothing_to_refund() {
    let err = check_refund(
        &request(RefundAmount::Full),
        &paid(500, 0, 0),
        Currency::EUR,
    )
    .unwrap_err();
    assert!(err.message().starts_with("Nothing can be refunded"));
}

#[test]
fn destinations_round_trip_through_their_stored_names() {
    for d in RefundDestination::ALL {
        assert_eq!(d.as_str().parse::<RefundDestination>(), Ok(d));
    }
    assert!("cash".parse::<RefundDestination>().is_err());
}

#[test]
fn a_full_credit_reproduces_the_invoice() {
    let split = split_credit(&[9_900, 49_900, -4_990], 54_810, 10_962, 65_772).unwrap();
    assert_eq!(split.lines, vec![9_900, 49_900, -4_990]);
    assert_eq!((split.subtotal, split.tax), (54_810, 10_962));
}

#[test]
fn a_partial_credit_splits_tax_in_proportion_rounding_half_up() {
    // 100.00 of a 120.00 invoice at 20 %: 83.33 net, 16.67 tax.
    let split = split_credit(&[6_000, 4_000], 10_000, 2_000, 10_000).unwrap();
    assert_eq!(split.tax, 1_667);
    assert_eq!(split.subtotal, 8_333);
    assert_eq!(split.lines.iter().sum::<i64>(), 8_333);
    assert_eq!(split.lines, vec![5_000, 3_333]);
}

proptest! {
    /// Over any history of attempted payments and refunds, the ledger only takes valid ones and
    /// the books balance: total = net payments + credit notes + balance, the balance never
    /// negative, refunds never above what was paid.
    #[test]
    fn the_books_always_balance(
        total in 0i64..1_000_000,
        history in proptest::collection::vec((any::<bool>(), 0i64..1_200_000), 0..40),
    ) {
        let mut ledger = InvoiceLedger::new(total);
        let (mut paid, mut refunded) = (0i64, 0i64);
        for (is_payment, amount) in history {
            let before = ledger;
            let entry = if is_payment {
                LedgerEntry::Payment(amount)
            } else {
                // A refund as an operator asks for it: checked first, as the backend does.
                let req = request(RefundAmount::Partial(eur(amount)));
                match check_refund(&req, &ledger, Currency::EUR) {
                    Ok(m) => LedgerEntry::CreditNote(m.minor),
                    Err(_) => {
                        prop_assert!(amount <= 0 || amount > ledger.refundable());
                        continue;
                    }
                }
            };
            match ledger.apply(entry) {
                Ok(()) => match entry {
                    LedgerEntry::Payment(a) => paid += a,
                    LedgerEntry::CreditNote(a) => refunded += a,
                },
                Err(_) => prop_assert_eq!(ledger, before),
            }
            prop_assert_eq!(ledger.total, ledger.net_payments() + ledger.credited + ledger.balance());
            prop_assert!(ledger.balance() >= 0);
            prop_assert!(refunded <= paid);
            prop_assert_eq!(ledger.refundable(), paid - refunded);
        }
    }

    /// A credit note's lines and tax sum exactly to its total, and neither is more than the
    /// invoice's.
    #[test]
    fn credit_lines_and_tax_sum_to_the_credit(
        lines in proptest::collection::vec(0i64..500_000, 1..8),
        rate in 0i64..=2_500,
        numerator in 1i64..=1_000,
    ) {
        let subtotal: i64 = lines.iter().sum();
        let tax = (subtotal * rate + 5_000) / 10_000;
        let total = subtotal + tax;
        prop_assume!(total > 0);
        let credit = (total * numerator / 1_000).max(1);
        let split = split_credit(&lines, subtotal, tax, credit).unwrap();
        prop_assert_eq!(split.lines.iter().sum::<i64>(), split.subtotal);
        prop_assert_eq!(split.subtotal + split.tax, credit);
        prop_assert!(split.tax <= tax && split.subtotal <= subtotal);
        prop_assert!(split.lines.iter().zip(&lines).all(|(c, l)| *c >= 0 && c <= l));
    }
}
