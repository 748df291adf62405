//! What a customer has chosen on the order form (offer, period, extras, country, payment) and the
//! price of it, computed live by the same domain code the server bills with. Every choice starts
//! from the query string, so a form sent back by the server (no JavaScript) keeps what was typed.
use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::api::coupons::CouponTerms;
use crate::api::orders::PlanOffer;
use crate::domain::coupons::apply_terms;
use crate::domain::pricing::{quote, Offer, Quote, Selection};
use crate::domain::vat_id::{tax_treatment, VatId};
use crate::pages::query_param;

/// How the customer starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Subscribe and pay now.
    Paid,
    /// A free trial.
    Trial,
}

/// How a paid order is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Card, charged now.
    Card,
    /// Bank transfer, the instance set up once the money arrives.
    BankTransfer,
}

impl Method {
    /// The form's value.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Card => "card",
            Method::BankTransfer => "bank_transfer",
        }
    }
}

/// The order form's choices as signals.
#[derive(Debug, Clone, Copy)]
pub struct Choices {
    /// Paid or trial.
    pub start: RwSignal<Start>,
    /// Billing period in months.
    pub period: RwSignal<u32>,
    /// Extra users beyond the included ones.
    pub extra_users: RwSignal<u32>,
    /// Add-on codes ticked.
    pub addons: RwSignal<BTreeSet<String>>,
    /// Billing country code.
    pub country: RwSignal<String>,
    /// The business's VAT ID as typed (may be empty).
    pub vat_id: RwSignal<String>,
    /// Card or bank transfer.
    pub method: RwSignal<Method>,
    /// The coupon code as typed (may be empty).
    pub coupon: RwSignal<String>,
    /// The typed coupon's terms, once the server found it redeemable here.
    pub coupon_terms: RwSignal<Option<CouponTerms>>,
    /// Whether the order is billed under reverse charge (a valid VAT ID of another EU state).
    pub reverse_charge: Memo<bool>,
    /// The price of the paid choice (an error message when it cannot be priced).
    pub price: Memo<Result<Quote, String>>,
}

impl Choices {
    /// The choices the page starts with (from the query string, else the defaults), with the
    /// terms of the coupon in the query string when the server found it redeemable.
    pub fn new(offer: &PlanOffer, coupon: Option<CouponTerms>) -> Self {
        let priced = offer.priced.clone();
        let first_period = priced.periods.first().map(|p| p.period_months).unwrap_or(1);
        let start = match (offer.plan.offer, query_param("form[offer]").as_deref()) {
            (Offer::Trial, _) | (Offer::PaidOrTrial, Some("trial")) => Start::Trial,
            _ => Start::Paid,
        };
        let number = |name: &str| query_param(name).and_then(|v| v.parse::<u32>().ok());
        let period = RwSignal::new(number("form[period_months]").unwrap_or(first_period));
        let extra_users = RwSignal::new(number("form[extra_users]").unwrap_or(0));
        let addons = RwSignal::new(
            priced
                .addons
                .iter()
                .filter(|a| {
                    query_param(&format!("form[addons][{}]", a.code)).as_deref() == Some("1")
                })
                .map(|a| a.code.clone())
                .collect::<BTreeSet<String>>(),
        );
        let country = RwSignal::new(
            query_param("form[billing_country]").unwrap_or_else(|| offer.default_country.clone()),
        );
        let method = RwSignal::new(match query_param("form[payment_method]").as_deref() {
            Some("bank_transfer") if offer.bank_transfer => Method::BankTransfer,
            _ => Method::Card,
        });
        let vat_id = RwSignal::new(query_param("form[vat_id]").unwrap_or_default());
        let coupon_terms = RwSignal::new(coupon);
        let countries = offer.countries.clone();
        let seller_country = offer.seller_country.clone();
        // Tax decided as the server decides it (reverse charge included), so the totals agree.
        let treatment = Memo::new(move |_| {
            let rate = countries
                .iter()
                .find(|c| c.code == country.get())
                .map(|c| c.tax_basis_points)
                .unwrap_or(0);
            let vat = VatId::parse(&vat_id.get()).ok();
            tax_treatment(&seller_country, &country.get(), vat.as_ref(), rate)
        });
        let price = Memo::new(move |_| {
            let sel = Selection {
                period_months: period.get(),
                addons: addons.get().into_iter().map(|c| (c, 1)).collect(),
                extra_resources: match extra_users.get() {
                    0 => vec![],
                    n => vec![("users".into(), n)],
                },
            };
            let rate = treatment.get().basis_points;
            let q = quote(&priced, &sel, rate).map_err(|e| e.to_string())?;
            // The order's own period (k = 0), discounted by the code the server applies.
            match coupon_terms.get() {
                Some(c) => apply_terms(q, &c.code, &c.discount, c.duration, 0, rate)
                    .map_err(|e| e.to_string()),
                None => Ok(q),
            }
        });
        Choices {
            start: RwSignal::new(start),
            period,
            extra_users,
            addons,
            country,
            vat_id,
            method,
            coupon: RwSignal::new(query_param("form[coupon]").unwrap_or_default()),
            coupon_terms,
            reverse_charge: Memo::new(move |_| treatment.get().reverse_charge),
            price,
        }
    }

    /// Whether the paid part of the form applies.
    pub fn paying(&self) -> bool {
        self.start.get() == Start::Paid
    }
}
