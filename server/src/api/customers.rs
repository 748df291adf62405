//! `GET /customers` and `GET /customers/{id}`.
use std::collections::HashMap;

use app::backend::customers;
use app::backend::state::AppState;
use app::wire::rest::{Customer, List};
use axum::extract::{Query, State};
use axum::Json;

use super::openapi::Errors;
use super::page::{Page, PageParams};
use super::{ApiAuth, ApiResult, Id};

/// Customers, newest first, a page at a time.
#[utoipa::path(get, path = "/customers", operation_id = "list_customers", tag = "customers", params(PageParams),
    responses((status = 200, description = "A page of customers", body = List<Customer>), Errors))]
pub async fn list(
    State(st): State<AppState>,
    _auth: ApiAuth,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Json<List<Customer>>> {
    let page = Page::from_query(&query)?;
    let rows = customers::page(&st.pool, page.before, page.fetch()).await?;
    Ok(Json(page.answer("/customers", rows, |c| c.id)))
}

/// One customer.
#[utoipa::path(get, path = "/customers/{id}", operation_id = "get_customer", tag = "customers",
    params(("id" = i64, Path, minimum = 1, description = "The customer's id")),
    responses((status = 200, description = "The customer", body = Customer), Errors))]
pub async fn read(
    State(st): State<AppState>,
    _auth: ApiAuth,
    Id(id): Id,
) -> ApiResult<Json<Customer>> {
    Ok(Json(customers::by_id(&st.pool, id).await?))
}
