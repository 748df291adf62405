//! The portal's billing page, for a tenant's admins and billing contacts: invoices (an open one
//! paid now), cards, payments, credit and billing details. Plain form posts come back to the page
//! with what went wrong.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::billing::{
    BillingDetails, BillingInvoice, BillingView, CardForm, CardView, CreditLine, PaymentLine,
};

#[cfg(feature = "ssr")]
async fn member() -> Result<
    (
        crate::backend::state::AppState,
        i64,
        crate::wire::auth::UserView,
    ),
    AppError,
> {
    crate::backend::portal::member(&crate::domain::Role::BILLING).await
}

#[cfg(feature = "ssr")]
fn done<T>(result: Result<T, AppError>, fields: &[(&str, &str)]) -> Result<T, AppError> {
    crate::backend::context::finish_then(result, "/portal/billing", ("/portal/billing", fields))
}

/// Page `page` (from 1) of the billing page of this instance.
#[server]
pub async fn billing_overview(page: Option<u32>) -> Result<BillingView, AppError> {
    use crate::backend::{billing, context};
    let result = async {
        let (st, tenant_id, _) = member().await?;
        billing::view(&st, tenant_id, page.unwrap_or(1), context::request_locale()).await
    }
    .await;
    context::finish(result, None)
}

/// Pays open invoice `invoice_id` now with stored card `card_id`, or with the new card's fields
/// when `card_id` is empty.
#[server]
pub async fn pay_invoice(
    invoice_id: i64,
    card_id: Option<String>,
    #[server(default)] card: CardForm,
) -> Result<(), AppError> {
    use crate::backend::billing::pay::{self, PayWith};
    let result = async {
        let (st, tenant_id, me) = member().await?;
        let with = match card_id.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            Some(id) => PayWith::Stored(
                id.parse()
                    .map_err(|_| AppError::Invalid("Choose a card.".into()))?,
            ),
            None => PayWith::New(card),
        };
        pay::pay(&st, tenant_id, invoice_id, with, &me.email).await
    }
    .await;
    done(result, &[])
}

/// Adds a card, the default for renewals from now on.
#[server]
pub async fn add_card(card: CardForm) -> Result<(), AppError> {
    use crate::backend::billing::cards;
    let result = async {
        let (st, tenant_id, _) = member().await?;
        cards::add(&st, tenant_id, &card).await.map(|_| ())
    }
    .await;
    done(result, &[])
}

/// Makes card `card_id` the one renewals charge.
#[server]
pub async fn make_card_default(card_id: i64) -> Result<(), AppError> {
    use crate::backend::billing::cards;
    let result = async {
        let (st, tenant_id, _) = member().await?;
        cards::make_default(&st, tenant_id, card_id).await
    }
    .await;
    done(result, &[])
}

/// Removes card `card_id`; the last one only with `to_transfer` ("on").
#[server]
pub async fn remove_card(card_id: i64, to_transfer: Option<String>) -> Result<(), AppError> {
    use crate::backend::billing::cards;
    let result = async {
        let (st, tenant_id, _) = member().await?;
        cards::remove(&st, tenant_id, card_id, to_transfer.is_some()).await
    }
    .await;
    done(result, &[])
}

/// Changes the billing details the next invoice uses.
#[server]
pub async fn update_billing_details(
    billing_country: String,
    billing_address: String,
    vat_id: String,
) -> Result<(), AppError> {
    use crate::backend::billing::details;
    let result = async {
        let (st, tenant_id, _) = member().await?;
        details::update(&st, tenant_id, &billing_country, &billing_address, &vat_id).await
    }
    .await;
    done(
        result,
        &[
            ("billing_country", billing_country.as_str()),
            ("billing_address", billing_address.as_str()),
            ("vat_id", vat_id.as_str()),
        ],
    )
}
