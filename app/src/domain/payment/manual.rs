//! [`ManualGateway`]: offline payments by bank transfer or cash on delivery.

use super::charge::invalid_amount;
use super::reference::{fnv1a, is_upper_hex, refund_amount_check, unknown_reference};
use super::{
    ChargeOutcome, ChargeRequest, DeclineCode, PaymentGateway, PaymentMethodInput,
    StoredPaymentMethod,
};
use crate::domain::{DomainError, Money};

/// Offline payments (bank transfer and cash on delivery): charges are
/// [`ChargeOutcome::Pending`] until an operator confirms receipt elsewhere.
///
/// References look like `"PAY-1A2B3C4D5E6F"` (derived from the idempotency
/// key) so that customers can quote them on a transfer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ManualGateway;

impl ManualGateway {
    /// Gateway name stored in [`StoredPaymentMethod::gateway`].
    pub const NAME: &'static str = "manual";
    /// Days the customer has to pay.
    pub const DUE_DAYS: u32 = 30;
    const BANK_TRANSFER_TOKEN: &'static str = "manual_bank_transfer";
    const CASH_ON_DELIVERY_TOKEN: &'static str = "manual_cash_on_delivery";

    fn short_ref(prefix: &str, key: &str) -> String {
        format!("{prefix}{:012X}", fnv1a(key.as_bytes()) >> 16)
    }

    fn check_reference(reference: &str) -> Result<(), DomainError> {
        match reference.strip_prefix("PAY-") {
            Some(hash) if is_upper_hex(hash, 12) => Ok(()),
            _ => Err(unknown_reference(reference)),
        }
    }

    fn method(token: &str, brand: &str) -> StoredPaymentMethod {
        StoredPaymentMethod {
            gateway: Self::NAME.to_owned(),
            token: token.to_owned(),
            brand: brand.to_owned(),
            last4: String::new(),
            exp_month: 0,
            exp_year: 0,
        }
    }
}

impl PaymentGateway for ManualGateway {
    fn name(&self) -> &'static str {
        Self::NAME
    }

    fn tokenize(&self, input: &PaymentMethodInput) -> Result<StoredPaymentMethod, DomainError> {
        match input {
            PaymentMethodInput::BankTransfer => {
                Ok(Self::method(Self::BANK_TRANSFER_TOKEN, "Bank transfer"))
            }
            PaymentMethodInput::CashOnDelivery => Ok(Self::method(
                Self::CASH_ON_DELIVERY_TOKEN,
                "Cash on delivery",
            )),
            PaymentMethodInput::Card { .. } => Err(DomainError::invalid(
                "Cards are paid through the card gateway",
            )),
        }
    }

    fn charge(&self, req: &ChargeRequest, method: &StoredPaymentMethod) -> ChargeOutcome {
        if req.amount.minor <= 0 {
            return invalid_amount();
        }
        if req.idempotency_key.trim().is_empty() {
            return ChargeOutcome::declined(DeclineCode::Invalid);
        }
        let bank_transfer = match (method.gateway.as_str(), method.token.as_str()) {
            (Self::NAME, Self::BANK_TRANSFER_TOKEN) => true,
            (Self::NAME, Self::CASH_ON_DELIVERY_TOKEN) => false,
            _ => {
                return ChargeOutcome::declined_with(
                    DeclineCode::Invalid,
                    "This payment method cannot be used here. Please choose another payment method.",
                );
            }
        };
        let reference = Self::short_ref("PAY-", &req.idempotency_key);
        let instructions = if bank_transfer {
            format!(
                "Pay {} by bank transfer within {} days quoting reference {reference}",
                req.amount,
                Self::DUE_DAYS
            )
        } else {
            format!(
                "Pay {} in cash on delivery quoting reference {reference}",
                req.amount
            )
        };
        ChargeOutcome::Pending {
            reference,
            due_days: Self::DUE_DAYS,
            instructions,
        }
    }

    /// Records that money will be paid back by the operator; the reference is
    /// derived from the payment reference and amount.
    fn refund(&self, reference: &str, amount: Money) -> Result<String, DomainError> {
        Self::check_reference(reference)?;
        refund_amount_check(amount)?;
        let key = format!("{reference}:{}:{}", amount.minor, amount.currency);
        Ok(Self::short_ref("REF-", &key))
    }

    fn void(&self, reference: &str) -> Result<(), DomainError> {
        Self::check_reference(reference)
    }
}
