//! [`TestCardGateway`]: a deterministic card gateway for development and test
//! mode, and the documented [`TEST_CARDS`].

use chrono::NaiveDate;

use super::charge::invalid_amount;
use super::reference::{fnv1a_hex, is_lower_hex, refund_amount_check, unknown_reference};
use super::{
    CardBrand, CardExpiry, ChargeOutcome, ChargeRequest, DeclineCode, PaymentGateway,
    PaymentMethodInput, StoredPaymentMethod,
};
use crate::domain::{DomainError, Money, SharedClock};

/// Documented test card numbers for [`TestCardGateway`], with what happens when
/// they are charged. Any other Luhn-valid number is charged successfully.
pub const TEST_CARDS: &[(&str, &str)] = &[
    ("4242 4242 4242 4242", "Visa: the payment succeeds"),
    ("5555 5555 5555 4444", "Mastercard: the payment succeeds"),
    ("4000 0000 0000 0002", "Visa: the card is declined"),
    (
        "4000 0000 0000 9995",
        "Visa: declined because of insufficient funds",
    ),
    (
        "4100 0000 0000 0019",
        "Visa: declined because the payment is flagged as fraud",
    ),
];

/// What a test card does when charged; encoded at the end of its token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TestBehaviour {
    Succeed,
    Decline,
    InsufficientFunds,
    Fraud,
}

impl TestBehaviour {
    fn for_number(digits: &str) -> TestBehaviour {
        match digits {
            "4000000000000002" => TestBehaviour::Decline,
            "4000000000009995" => TestBehaviour::InsufficientFunds,
            "4100000000000019" => TestBehaviour::Fraud,
            _ => TestBehaviour::Succeed,
        }
    }

    fn code(self) -> &'static str {
        match self {
            TestBehaviour::Succeed => "ok",
            TestBehaviour::Decline => "declined",
            TestBehaviour::InsufficientFunds => "nsf",
            TestBehaviour::Fraud => "fraud",
        }
    }

    fn from_code(code: &str) -> Option<TestBehaviour> {
        [
            TestBehaviour::Succeed,
            TestBehaviour::Decline,
            TestBehaviour::InsufficientFunds,
            TestBehaviour::Fraud,
        ]
        .into_iter()
        .find(|b| b.code() == code)
    }
}

/// A card gateway for development and test mode, with documented test cards
/// ([`TEST_CARDS`]); any other Luhn-valid number succeeds.
///
/// Tokens are `"tok_test_<FNV-1a hash of the number>_<behaviour>"` and charge
/// references `"ch_test_<hash of the idempotency key>"`, so charging the same
/// key twice yields the same reference. The unsalted hash is fine for test
/// numbers but not for real cards: production uses a provider's tokens.
/// Stored cards that expired since they were added are declined using `clock`.
#[derive(Debug, Clone)]
pub struct TestCardGateway {
    clock: SharedClock,
}

impl TestCardGateway {
    /// Gateway name stored in [`StoredPaymentMethod::gateway`].
    pub const NAME: &'static str = "test_card";
    const TOKEN_PREFIX: &'static str = "tok_test_";
    const CHARGE_PREFIX: &'static str = "ch_test_";
    const REFUND_PREFIX: &'static str = "re_test_";

    /// Creates the gateway; `clock` decides whether stored cards have expired.
    pub fn new(clock: SharedClock) -> TestCardGateway {
        TestCardGateway { clock }
    }

    fn today(&self) -> NaiveDate {
        self.clock.now().date_naive()
    }

    fn behaviour_of(token: &str) -> Option<TestBehaviour> {
        let rest = token.strip_prefix(Self::TOKEN_PREFIX)?;
        let (hash, code) = rest.split_once('_')?;
        if !is_lower_hex(hash, 16) {
            return None;
        }
        TestBehaviour::from_code(code)
    }

    fn check_reference(reference: &str) -> Result<(), DomainError> {
        match reference.strip_prefix(Self::CHARGE_PREFIX) {
            Some(hash) if is_lower_hex(hash, 16) => Ok(()),
            _ => Err(unknown_reference(reference)),
        }
    }
}

impl PaymentGateway for TestCardGateway {
    fn name(&self) -> &'static str {
        Self::NAME
    }

    fn tokenize(&self, input: &PaymentMethodInput) -> Result<StoredPaymentMethod, DomainError> {
        let (number, expiry, cvc) = match input {
            PaymentMethodInput::Card {
                number,
                expiry,
                cvc,
            } => (number, expiry, cvc),
            PaymentMethodInput::BankTransfer | PaymentMethodInput::CashOnDelivery => {
                return Err(DomainError::invalid(
                    "Bank transfer and cash on delivery are not paid by card",
                ));
            }
        };
        let brand = number.brand();
        if cvc.digit_count() != brand.cvc_digits() {
            return Err(DomainError::invalid(match brand {
                CardBrand::Amex => "American Express cards have a 4-digit security code",
                _ => "The security code of this card has 3 digits",
            }));
        }
        if expiry.is_expired_on(self.today()) {
            return Err(DomainError::invalid(format!(
                "This card expired in {expiry}"
            )));
        }
        let behaviour = TestBehaviour::for_number(number.expose_digits());
        Ok(StoredPaymentMethod {
            gateway: Self::NAME.to_owned(),
            token: format!(
                "{}{}_{}",
                Self::TOKEN_PREFIX,
                fnv1a_hex(number.expose_digits().as_bytes()),
                behaviour.code()
            ),
            brand: brand.as_str().to_owned(),
            last4: number.last4().to_owned(),
            exp_month: expiry.month(),
            exp_year: expiry.year(),
        })
    }

    fn charge(&self, req: &ChargeRequest, method: &StoredPaymentMethod) -> ChargeOutcome {
        if req.amount.minor <= 0 {
            return invalid_amount();
        }
        if req.idempotency_key.trim().is_empty() {
            return ChargeOutcome::declined(DeclineCode::Invalid);
        }
        let behaviour = match Self::behaviour_of(&method.token) {
            Some(b) if method.gateway == Self::NAME && (1..=12).contains(&method.exp_month) => b,
            _ => {
                return ChargeOutcome::declined_with(
                    DeclineCode::Invalid,
                    "This payment method cannot be charged by card. Please add your card again.",
                );
            }
        };
        let expiry = CardExpiry {
            year: method.exp_year,
            month: method.exp_month,
        };
        if expiry.is_expired_on(self.today()) {
            return ChargeOutcome::declined(DeclineCode::Expired);
        }
        match behaviour {
            TestBehaviour::Succeed => ChargeOutcome::Captured {
                reference: format!(
                    "{}{}",
                    Self::CHARGE_PREFIX,
                    fnv1a_hex(req.idempotency_key.as_bytes())
                ),
            },
            TestBehaviour::Decline => ChargeOutcome::declined(DeclineCode::CardDeclined),
            TestBehaviour::InsufficientFunds => {
                ChargeOutcome::declined(DeclineCode::InsufficientFunds)
            }
            TestBehaviour::Fraud => ChargeOutcome::declined(DeclineCode::SuspectedFraud),
        }
    }

    /// The refund reference is derived from the charge reference and amount,
    /// so repeating the same refund yields the same reference.
    fn refund(&self, reference: &str, amount: Money) -> Result<String, DomainError> {
        Self::check_reference(reference)?;
        refund_amount_check(amount)?;
        let key = format!("{reference}:{}:{}", amount.minor, amount.currency);
        Ok(format!(
            "{}{}",
            Self::REFUND_PREFIX,
            fnv1a_hex(key.as_bytes())
        ))
    }

    fn void(&self, reference: &str) -> Result<(), DomainError> {
        Self::check_reference(reference)
    }
}
