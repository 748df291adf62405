//! `GET /plans`: the published plans with every price.
use app::backend::catalog;
use app::backend::state::AppState;
use app::wire::rest::{List, Plan};
use axum::extract::State;
use axum::Json;

use super::openapi::Errors;
use super::{ApiAuth, ApiResult};

/// Published plans with every price.
#[utoipa::path(get, path = "/plans", operation_id = "list_plans", tag = "catalog",
    responses((status = 200, description = "The plans on sale", body = List<Plan>), Errors))]
pub async fn list_plans(State(st): State<AppState>, _auth: ApiAuth) -> ApiResult<Json<List<Plan>>> {
    let data = catalog::published_with_prices(&st.pool).await?;
    Ok(Json(List { data, next: None }))
}
