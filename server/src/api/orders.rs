//! Orders through the API: the same workflow as the storefront's order form.
use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use app::api::orders::OrderForm;
use app::backend::orders;
use app::backend::state::AppState;
use app::domain::order_flow::OrderStatus;
use app::error::AppError;
use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::page::Page;
use super::{ApiAuth, ApiResult};

/// A card as the API takes it (never stored).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiCard {
    number: String,
    exp_month: u32,
    exp_year: u32,
    cvc: String,
}

/// `POST /orders` body. A field it does not know is refused, so a misspelt option is not
/// silently ignored.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewOrder {
    plan: String,
    #[serde(default)]
    storefront: Option<String>,
    company: String,
    contact_name: String,
    email: String,
    password: String,
    instance_name: String,
    #[serde(default)]
    period_months: Option<u32>,
    #[serde(default)]
    extra_users: Option<u32>,
    #[serde(default)]
    addons: BTreeMap<String, u32>,
    #[serde(default)]
    billing_country: Option<String>,
    #[serde(default)]
    billing_address: Option<String>,
    #[serde(default)]
    payment_method: Option<String>,
    #[serde(default)]
    card: Option<ApiCard>,
    #[serde(default)]
    offer: Option<String>,
    #[serde(default)]
    expected_total_minor: Option<i64>,
}

impl NewOrder {
    fn into_form(self, key: String) -> OrderForm {
        let card = self.card;
        OrderForm {
            plan: self.plan,
            storefront: self.storefront.unwrap_or_default(),
            company: self.company,
            contact_name: self.contact_name,
            email: self.email,
            password: self.password,
            instance_name: self.instance_name,
            idempotency_key: key,
            period_months: self
                .period_months
                .map(|m| m.to_string())
                .unwrap_or_default(),
            extra_users: self.extra_users.map(|u| u.to_string()).unwrap_or_default(),
            addons: self
                .addons
                .into_iter()
                .map(|(k, v)| (k, v.to_string()))
                .collect(),
            billing_country: self.billing_country.unwrap_or_default(),
            billing_address: self.billing_address.unwrap_or_default(),
            payment_method: self.payment_method.unwrap_or_default(),
            card_number: card.as_ref().map(|c| c.number.clone()).unwrap_or_default(),
            card_exp_month: card
                .as_ref()
                .map(|c| c.exp_month.to_string())
                .unwrap_or_default(),
            card_exp_year: card
                .as_ref()
                .map(|c| c.exp_year.to_string())
                .unwrap_or_default(),
            card_cvc: card.map(|c| c.cvc).unwrap_or_default(),
            offer: self.offer.unwrap_or_default(),
            expected_total: self
                .expected_total_minor
                .map(|t| t.to_string())
                .unwrap_or_default(),
        }
    }
}

type OrderRow = (
    i64,
    String,
    String,
    String,
    String,
    i64,
    String,
    String,
    String,
    Option<String>,
);

const SELECT_ORDER: &str = "SELECT o.id, o.public_token, o.kind, o.status, o.instance_name, o.total_minor, o.currency, o.created_at, p.code, \
     (SELECT i.number FROM invoices i WHERE i.order_id = o.id ORDER BY i.id DESC LIMIT 1) \
     FROM orders o JOIN plans p ON p.id = o.plan_id";

fn to_json(st: &AppState, row: OrderRow) -> Value {
    let (id, token, kind, status, instance, total, currency, created_at, plan, invoice) = row;
    json!({
        "id": id, "token": token, "kind": kind, "status": status, "instance_name": instance, "instance_url": st.config.instance_url(&instance),
        "plan": plan, "total_minor": total, "currency": currency, "invoice_number": invoice, "created_at": created_at,
    })
}

async fn order_json(st: &AppState, id: i64) -> ApiResult<Value> {
    let row: OrderRow = sqlx::query_as(&format!("{SELECT_ORDER} WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(&st.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(to_json(st, row))
}

/// Orders, newest first, a page at a time; `?status=` keeps one workflow status.
pub async fn list(
    State(st): State<AppState>,
    _auth: ApiAuth,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let page = Page::from_query(&query)?;
    let status = match query.get("status").map(|s| s.trim()) {
        None | Some("") => String::new(),
        Some(s) => s
            .parse::<OrderStatus>()
            .map_err(|e| AppError::Invalid(e.to_string()))?
            .as_str()
            .to_string(),
    };
    let rows: Vec<OrderRow> = sqlx::query_as(&format!(
        "{SELECT_ORDER} WHERE o.id < $1 AND ($2 = '' OR o.status = $2) ORDER BY o.id DESC LIMIT $3"
    ))
    .bind(page.before)
    .bind(&status)
    .bind(page.fetch())
    .fetch_all(&st.pool)
    .await?;
    let rows = rows.into_iter().map(|r| (r.0, to_json(&st, r))).collect();
    let path = if status.is_empty() {
        "/orders".to_string()
    } else {
        format!("/orders?status={status}")
    };
    Ok(Json(page.answer(&path, rows)))
}

/// Creates an order (paid or trial) and provisions it when no approval is needed.
pub async fn create(
    State(st): State<AppState>,
    ApiAuth(caller): ApiAuth,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Json<NewOrder>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let Json(body) = body.map_err(|e| {
        AppError::Invalid(format!(
            "The request body is not a valid order: {}",
            e.body_text()
        ))
    })?;
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .ok_or_else(|| {
            AppError::Invalid(
                "Send an Idempotency-Key header (letters, digits, - and _), unique per order."
                    .into(),
            )
        })?;
    let client = orders::Client::from_request(&st, Some(peer.ip()), &headers);
    let scope = format!("api:{}", caller.key_id);
    let token = orders::place_order(&st, &body.into_form(key), &client, &scope).await?;
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM orders WHERE public_token = $1")
        .bind(&token)
        .fetch_one(&st.pool)
        .await?;
    let settled = settle(&st, id, &headers).await?;
    let status = if settled {
        StatusCode::CREATED
    } else {
        StatusCode::ACCEPTED
    };
    Ok((status, Json(order_json(&st, id).await?)))
}

/// The seconds a client asked to wait for the outcome (`Prefer: wait=N`, RFC 7240), at most 60.
fn preferred_wait(headers: &HeaderMap) -> Duration {
    let seconds = headers
        .get_all("prefer")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split([',', ';']))
        .filter_map(|p| p.trim().strip_prefix("wait="))
        .filter_map(|n| n.trim().parse::<u64>().ok())
        .next()
        .unwrap_or(0);
    Duration::from_secs(seconds.min(60))
}

/// Waits, as long as the client prefers, for the order to leave the statuses it moves through by
/// itself (provisioning runs in the background). Returns whether it settled.
async fn settle(st: &AppState, id: i64, headers: &HeaderMap) -> ApiResult<bool> {
    let deadline = Instant::now() + preferred_wait(headers);
    loop {
        let (status,): (String,) = sqlx::query_as("SELECT status FROM orders WHERE id = $1")
            .bind(id)
            .fetch_one(&st.pool)
            .await?;
        let moving = status
            .parse::<OrderStatus>()
            .is_ok_and(OrderStatus::moves_by_itself);
        if !moving || Instant::now() >= deadline {
            return Ok(!moving);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Reads one order.
pub async fn read(
    State(st): State<AppState>,
    _auth: ApiAuth,
    Path(id): Path<i64>,
) -> ApiResult<Json<Value>> {
    Ok(Json(order_json(&st, id).await?))
}

/// Approves an order waiting for approval, as the key's operator.
pub async fn approve(
    State(st): State<AppState>,
    ApiAuth(caller): ApiAuth,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> ApiResult<(StatusCode, Json<Value>)> {
    orders::review::approve(&st, id, &caller.operator_email).await?;
    let status = if settle(&st, id, &headers).await? {
        StatusCode::OK
    } else {
        StatusCode::ACCEPTED
    };
    Ok((status, Json(order_json(&st, id).await?)))
}

/// `POST /orders/{id}/reject` body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rejection {
    reason: String,
}

/// Rejects an order with a reason, as the key's operator.
pub async fn reject(
    State(st): State<AppState>,
    ApiAuth(caller): ApiAuth,
    Path(id): Path<i64>,
    body: Result<Json<Rejection>, JsonRejection>,
) -> ApiResult<Json<Value>> {
    let Json(body) = body.map_err(|e| {
        AppError::Invalid(format!("Send {{\"reason\": \"...\"}}: {}", e.body_text()))
    })?;
    orders::review::reject(&st, id, &caller.operator_email, &body.reason).await?;
    Ok(Json(order_json(&st, id).await?))
}
