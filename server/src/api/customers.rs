//! `GET /customers` and `GET /customers/{id}`.
use std::collections::HashMap;

use app::backend::state::AppState;
use app::error::AppError;
use axum::extract::{Path, Query, State};
use axum::Json;
use serde_json::{json, Value};

use super::page::Page;
use super::{ApiAuth, ApiResult};

type Row = (i64, String, String, String, String);

fn to_json((id, company, contact_name, email, created_at): Row) -> Value {
    json!({ "id": id, "company": company, "contact_name": contact_name, "email": email, "created_at": created_at })
}

const SELECT: &str = "SELECT id, company, contact_name, email, created_at FROM customers";

pub async fn list(
    State(st): State<AppState>,
    _auth: ApiAuth,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let page = Page::from_query(&query)?;
    let rows: Vec<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE id < $1 ORDER BY id DESC LIMIT $2"))
            .bind(page.before)
            .bind(page.fetch())
            .fetch_all(&st.pool)
            .await?;
    let rows = rows.into_iter().map(|r| (r.0, to_json(r))).collect();
    Ok(Json(page.answer("/customers", rows)))
}

pub async fn read(
    State(st): State<AppState>,
    _auth: ApiAuth,
    Path(id): Path<i64>,
) -> ApiResult<Json<Value>> {
    let row: Row = sqlx::query_as(&format!("{SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(&st.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(to_json(row)))
}
