//! An invoice (or a credit note, laid out the same way) as its customer and their accountant
//! read it: one document the page and the PDF are both built from, so they show the same figures.
//! [`detail`]: one invoice as the operator inspects it.
use crate::domain::InvoiceStatus;
use serde::{Deserialize, Serialize};

pub mod detail;

/// One line of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLineView {
    /// What is billed.
    pub description: String,
    /// The service period billed, e.g. "29 Nov 2026 – 28 Nov 2027" (one day for a setup fee).
    pub period: String,
    /// How many.
    pub quantity: i64,
    /// Price per unit, formatted.
    pub unit: String,
    /// Line amount, formatted.
    pub amount: String,
}

/// The tax of one rate, shown once under the subtotal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxLineView {
    /// E.g. "VAT 20 %", or "VAT 0 % (reverse charge)".
    pub label: String,
    /// The tax, formatted.
    pub amount: String,
}

/// Who sells: the storefront's billing details as they were when the invoice was issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerBlock {
    /// The storefront's trading name.
    pub name: String,
    /// The company's legal name (the trading name when none is set).
    pub legal_name: String,
    /// Street, postal code and city, one per line.
    pub address: String,
    /// Two-letter country code.
    pub country: String,
    /// VAT identification number (may be empty).
    pub vat_id: String,
    /// Company registration number and court (may be empty).
    pub registration_number: String,
}

/// How an invoice was paid, or how to pay it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum PaymentView {
    /// Paid: e.g. "Visa ending 4242 on 29 Nov 2026".
    Paid {
        /// How and when.
        how: String,
    },
    /// Still to pay by bank transfer.
    Open {
        /// The amount to transfer, formatted.
        amount: String,
        /// Pay by this day.
        due_on: String,
        /// The account's holder.
        account_holder: String,
        /// The account's IBAN.
        iban: String,
        /// The bank's BIC.
        bic: String,
        /// The bank's name.
        bank_name: String,
        /// What to write as the transfer's reference.
        reference: String,
    },
    /// Cancelled: nothing to pay.
    Void,
    /// A credit note's money given back: e.g. "Refunded to Visa ending 4242 on 29 Nov 2026".
    Refunded {
        /// Where to and when.
        how: String,
    },
}

/// What a credit note credits: the document is then a credit note, not an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditFor {
    /// The number of the invoice credited.
    pub invoice_number: String,
    /// Why the money was given back.
    pub reason: String,
}

/// A printable invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceView {
    /// The seller block.
    pub seller: SellerBlock,
    /// Invoice number, gapless per storefront.
    pub number: String,
    /// Whether it is still due.
    pub status: InvoiceStatus,
    /// Issue date, e.g. "29 Nov 2026".
    pub issued_on: String,
    /// Due date.
    pub due_on: String,
    /// Payment date, once paid.
    pub paid_on: Option<String>,
    /// Customer company.
    pub company: String,
    /// Customer contact.
    pub contact_name: String,
    /// Customer email.
    pub email: String,
    /// The address billed, as it was when the invoice was issued.
    pub bill_to: String,
    /// The customer's VAT ID as it was at issue (may be empty).
    pub customer_vat_id: String,
    /// The billed lines, before tax.
    pub lines: Vec<InvoiceLineView>,
    /// Before tax.
    pub subtotal: String,
    /// The tax, one line per rate.
    pub taxes: Vec<TaxLineView>,
    /// To pay: the most prominent figure.
    pub total: String,
    /// The legal note when the customer accounts for the VAT (reverse charge).
    pub reverse_charge_note: Option<String>,
    /// How it was paid, or the bank details to pay it.
    pub payment: PaymentView,
    /// Set on a credit note: the invoice it credits and why.
    pub credit_for: Option<CreditFor>,
}
