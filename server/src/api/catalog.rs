//! `GET /plans`: the published plans with every price.
use app::backend::state::AppState;
use app::backend::{catalog, pricing};
use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use super::{ApiAuth, ApiResult};

pub async fn list_plans(State(st): State<AppState>, _auth: ApiAuth) -> ApiResult<Json<Value>> {
    let mut plans = Vec::new();
    for row in catalog::published_plans(&st.pool).await? {
        let priced = pricing::priced_plan(&st.pool, &row).await?;
        let view = row.view()?;
        plans.push(json!({
            "code": view.code, "name": view.name, "product": view.product_name, "description": view.description,
            "currency": view.currency, "trial_days": view.trial_days, "included_users": view.included_users,
            "modules": view.modules, "prices": priced,
        }));
    }
    Ok(Json(json!({ "data": plans })))
}
