//! `GET /invoices` and `GET /invoices/{id}` (with lines).
use std::collections::HashMap;

use app::backend::invoices::read;
use app::backend::state::AppState;
use app::wire::rest::{Invoice, InvoiceSummary, List};
use axum::extract::{Query, State};
use axum::Json;

use super::openapi::Errors;
use super::page::{Page, PageParams};
use super::{ApiAuth, ApiResult, Id};

/// Invoices, newest first, a page at a time.
#[utoipa::path(get, path = "/invoices", operation_id = "list_invoices", tag = "invoices", params(PageParams),
    responses((status = 200, description = "A page of invoices", body = List<InvoiceSummary>), Errors))]
pub async fn list(
    State(st): State<AppState>,
    _auth: ApiAuth,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Json<List<InvoiceSummary>>> {
    let page = Page::from_query(&query)?;
    let rows = read::page(&st.pool, page.before, page.fetch()).await?;
    Ok(Json(page.answer("/invoices", rows, |i| i.id)))
}

/// One invoice with its lines.
#[utoipa::path(get, path = "/invoices/{id}", operation_id = "get_invoice", tag = "invoices",
    params(("id" = i64, Path, minimum = 1, description = "The invoice's id")),
    responses((status = 200, description = "The invoice", body = Invoice), Errors))]
pub async fn one(
    State(st): State<AppState>,
    _auth: ApiAuth,
    Id(id): Id,
) -> ApiResult<Json<Invoice>> {
    Ok(Json(read::with_lines(&st.pool, id).await?))
}
