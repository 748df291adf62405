//! The storefronts' dunning schedules, edited by the operator.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::dunning::DunningForm;

/// Saves a storefront's dunning schedule.
#[server]
pub async fn update_dunning_schedule(
    storefront_id: i64,
    form: DunningForm,
) -> Result<(), AppError> {
    use crate::backend::{context, dunning};
    context::as_operator(Some(("/operator/storefronts", &[])), |st, _| async move {
        dunning::schedule::update(&st, storefront_id, &form).await
    })
    .await
}
