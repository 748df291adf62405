//! The portal's billing page: invoices (an open one can be paid now), the customer's cards, the
//! payments and credit behind the invoices, and the billing details the next invoice uses.
use serde::{Deserialize, Serialize};

use crate::domain::payment::PaymentStatus;
use crate::domain::InvoiceStatus;

/// Everything the billing page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingView {
    /// One page of the tenant's invoices, newest first.
    pub invoices: Vec<BillingInvoice>,
    /// The page of invoices and payments shown (1-based).
    pub page: u32,
    /// How many pages of invoices (or payments, whichever has more) there are.
    pub pages: u32,
    /// The customer's cards (not removed), the default first.
    pub cards: Vec<CardView>,
    /// One page of the charges and refunds, newest first.
    pub payments: Vec<PaymentLine>,
    /// Credit granted and drawn, newest first.
    pub credit: Vec<CreditLine>,
    /// The credit left, in minor units of `currency`.
    pub credit_minor: i64,
    /// The subscription's currency.
    pub currency: String,
    /// The billing details the next invoice uses.
    pub details: BillingDetails,
}

/// One invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingInvoice {
    /// Invoice id (for paying it).
    pub id: i64,
    /// Its number.
    pub number: String,
    /// Day issued, for people.
    pub issued: String,
    /// Day due, for people.
    pub due: String,
    /// Total, minor units.
    pub total_minor: i64,
    /// Currency code.
    pub currency: String,
    /// Paid, open or void.
    pub status: InvoiceStatus,
    /// Its printable page (the PDF is this address with `.pdf`).
    pub url: String,
    /// Whether it can be paid now by card (an open invoice being dunned or waiting for its bank
    /// transfer).
    pub payable: bool,
}

/// A stored card: only brand, last four digits and expiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardView {
    /// Card id.
    pub id: i64,
    /// Visa, Mastercard...
    pub brand: String,
    /// Last four digits.
    pub last4: String,
    /// Expiry month.
    pub exp_month: i64,
    /// Expiry year.
    pub exp_year: i64,
    /// Whether renewals charge this card.
    pub default: bool,
}

/// A charge or refund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentLine {
    /// When, for people.
    pub at: String,
    /// The invoice it paid, if any.
    pub invoice: Option<String>,
    /// Amount, minor units.
    pub amount_minor: i64,
    /// Currency code.
    pub currency: String,
    /// What became of it.
    pub status: PaymentStatus,
    /// How (card, bank transfer...).
    pub method: String,
}

/// Credit granted (positive) or drawn (negative).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditLine {
    /// When, for people.
    pub at: String,
    /// Amount, minor units.
    pub amount_minor: i64,
    /// Currency code.
    pub currency: String,
    /// Why.
    pub note: String,
}

/// The customer's billing details.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingDetails {
    /// Company name (as on the invoices).
    pub company: String,
    /// Two-letter country code.
    pub billing_country: String,
    /// Street, postal code and city, one per line.
    pub billing_address: String,
    /// VAT ID, or empty.
    pub vat_id: String,
}

/// A new card's fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardForm {
    /// The card number.
    #[serde(default)]
    pub card_number: String,
    /// Expiry month.
    #[serde(default)]
    pub card_exp_month: String,
    /// Expiry year.
    #[serde(default)]
    pub card_exp_year: String,
    /// Security code.
    #[serde(default)]
    pub card_cvc: String,
}
