//! The reporting currency and the exchange rates into it, for the dashboard's total.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::exchange_rates::{ExchangeRatesView, RateView};

/// The reporting currency and the rates, for operators.
#[server]
pub async fn exchange_rates() -> Result<ExchangeRatesView, AppError> {
    use crate::backend::{context, exchange_rates};
    context::as_operator(None, |st, _| async move { exchange_rates::view(&st).await }).await
}

/// Sets the reporting currency.
#[server]
pub async fn set_reporting_currency(reporting: String) -> Result<(), AppError> {
    use crate::backend::{context, exchange_rates};
    context::as_operator(
        Some(("/operator/exchange-rates", &[])),
        |st, op| async move { exchange_rates::set_reporting(&st, &reporting, &op.email).await },
    )
    .await
}

/// Saves a rate into the reporting currency from a day on.
#[server]
pub async fn save_exchange_rate(
    currency: String,
    valid_from: String,
    rate: String,
) -> Result<(), AppError> {
    use crate::backend::{context, exchange_rates};
    context::as_operator(
        Some(("/operator/exchange-rates", &[])),
        |st, op| async move {
            exchange_rates::save_rate(&st, &currency, &valid_from, &rate, &op.email).await
        },
    )
    .await
}
