//! Rehearsals: the operator opens a copy of a tenant, moves its clock and sees what billing would
//! do, then deletes it. Plain form posts go to the rehearsal's page (or back, with the error).
use leptos::prelude::*;

use crate::domain::rehearsal::RehearsalStep;
use crate::error::AppError;
pub use crate::wire::rehearsals::RehearsalView;

/// Opens a rehearsal of tenant `tenant_id`; returns its id.
#[server]
pub async fn rehearse_tenant(tenant_id: i64) -> Result<i64, AppError> {
    use crate::backend::{context, rehearsals};
    let result = async {
        let (st, operator) = context::operator().await?;
        let by = crate::domain::Actor::Operator(operator.email).to_string();
        rehearsals::open(&st, tenant_id, &by).await
    }
    .await;
    if let (Ok(id), true) = (&result, context::is_plain_form_post()) {
        leptos_axum::redirect(&format!("/operator/rehearsals/{id}"));
    }
    let back = format!("/operator/tenants/{tenant_id}");
    context::finish(result, Some((&back, &[])))
}

/// One rehearsal, read from its copy.
#[server]
pub async fn rehearsal(rehearsal_id: i64) -> Result<RehearsalView, AppError> {
    use crate::backend::{context, rehearsals};
    context::as_operator(None, |st, _| async move {
        rehearsals::view::load(&st, rehearsal_id).await
    })
    .await
}

/// Moves a rehearsal's clock by `step`.
#[server]
pub async fn move_rehearsal(rehearsal_id: i64, step: RehearsalStep) -> Result<(), AppError> {
    use crate::backend::{context, rehearsals};
    let back = format!("/operator/rehearsals/{rehearsal_id}");
    context::as_operator(Some((&back, &[])), |st, _| async move {
        rehearsals::advance(&st, rehearsal_id, step).await
    })
    .await
}

/// Deletes a rehearsal and its copy; returns the tenant it rehearsed.
#[server]
pub async fn end_rehearsal(rehearsal_id: i64) -> Result<i64, AppError> {
    use crate::backend::{context, rehearsals};
    let result = async {
        let (st, _) = context::operator().await?;
        rehearsals::remove(&st, rehearsal_id).await
    }
    .await;
    if let (Ok(tenant_id), true) = (&result, context::is_plain_form_post()) {
        leptos_axum::redirect(&format!("/operator/tenants/{tenant_id}"));
    }
    let back = format!("/operator/rehearsals/{rehearsal_id}");
    context::finish(result, Some((&back, &[])))
}
