//! The operator's area: who may open it.
use leptos::prelude::*;

use crate::error::AppError;

/// Whether the caller may open the operator's pages: nothing for the operator; 401 without a
/// login, 403 for another role, 404 on an instance's host (as every operator function answers).
/// A missing login leaves the status alone: the page redirects to the login page (302).
#[server]
pub async fn operator_gate() -> Result<(), AppError> {
    use crate::backend::context;
    match context::operator().await {
        Ok(_) => Ok(()),
        Err(AppError::Unauthorized) => Err(AppError::Unauthorized),
        Err(e) => context::finish(Err(e), None),
    }
}
