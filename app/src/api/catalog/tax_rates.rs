//! The tax rates page: one rate per billing country.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::catalog::tax_rates::TaxRateView;

/// Every configured country.
#[server]
pub async fn admin_tax_rates() -> Result<Vec<TaxRateView>, AppError> {
    use crate::backend::{catalog, context};
    context::as_operator(None, |st, _| async move {
        catalog::tax_rates::list(&st.pool).await
    })
    .await
}

/// Sets a country's rate ("19.60" percent); returns the basis points stored.
#[server]
pub async fn set_tax_rate(country: String, percent: String) -> Result<i64, AppError> {
    use crate::backend::{catalog, context};
    context::as_operator(Some(("/operator/tax-rates", &[])), |st, _| async move {
        catalog::tax_rates::set(&st, &country, &percent).await
    })
    .await
}

/// Stops selling to a country.
#[server]
pub async fn remove_tax_rate(country: String) -> Result<(), AppError> {
    use crate::backend::{catalog, context};
    context::as_operator(Some(("/operator/tax-rates", &[])), |st, _| async move {
        catalog::tax_rates::remove(&st, &country).await
    })
    .await
}
