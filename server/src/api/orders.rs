//! Orders through the API: the same workflow as the storefront's order form.
use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use app::api::orders::OrderForm;
use app::backend::orders::{self, read};
use app::backend::state::AppState;
use app::domain::order_flow::OrderStatus;
use app::error::AppError;
use app::wire::rest::{List, NewOrder, Order, Rejection};
use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use utoipa::IntoParams;

use super::openapi::{ConflictError, Errors};
use super::page::{Page, PageParams};
use super::{ApiAuth, ApiResult, Id};

/// The storefront's order form the API's body stands for.
fn into_form(order: NewOrder, key: String) -> OrderForm {
    let card = order.card;
    OrderForm {
        plan: order.plan,
        storefront: order.storefront.unwrap_or_default(),
        company: order.company,
        contact_name: order.contact_name,
        email: order.email,
        password: order.password,
        instance_name: order.instance_name,
        idempotency_key: key,
        period_months: order
            .period_months
            .map(|m| m.to_string())
            .unwrap_or_default(),
        extra_users: order.extra_users.map(|u| u.to_string()).unwrap_or_default(),
        addons: order
            .addons
            .into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect(),
        billing_country: order.billing_country.unwrap_or_default(),
        billing_address: order.billing_address.unwrap_or_default(),
        vat_id: order.vat_id.unwrap_or_default(),
        payment_method: order.payment_method.unwrap_or_default(),
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
        offer: order.offer.unwrap_or_default(),
        expected_total: order
            .expected_total_minor
            .map(|t| t.to_string())
            .unwrap_or_default(),
        coupon: order.coupon.unwrap_or_default(),
    }
}

/// `GET /orders`'s filter.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Described here, read with the page parameters.
struct StatusFilter {
    /// Keep one workflow status.
    status: Option<OrderStatus>,
}

/// Orders, newest first, a page at a time; `status` keeps one workflow status.
#[utoipa::path(get, path = "/orders", operation_id = "list_orders", tag = "orders", params(PageParams, StatusFilter),
    responses((status = 200, description = "A page of orders", body = List<Order>), Errors))]
pub async fn list(
    State(st): State<AppState>,
    _auth: ApiAuth,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Json<List<Order>>> {
    let page = Page::from_query(&query)?;
    // Present means one of the statuses, as documented: an empty value is refused, not read as
    // "all" (leave the parameter out for all).
    let status = match query.get("status") {
        None => None,
        Some(s) => Some(
            s.parse::<OrderStatus>()
                .map_err(|e| AppError::Invalid(e.to_string()))?,
        ),
    };
    let rows = read::page(&st, page.before, page.fetch(), status).await?;
    let path = match status {
        None => "/orders".to_string(),
        Some(s) => format!("/orders?status={}", s.as_str()),
    };
    Ok(Json(page.answer(&path, rows, |o| o.id)))
}

/// Place an order (same workflow as the storefront); its instance is provisioned in the
/// background unless it waits for approval.
#[utoipa::path(post, path = "/orders", operation_id = "create_order", tag = "orders", request_body = NewOrder,
    params(
        ("Idempotency-Key" = String, Header, pattern = "^[A-Za-z0-9_-]{1,100}$",
         description = "The same key and body again return the first order; the same key with another body is refused (409)."),
        ("Prefer" = Option<String>, Header, example = "wait=30",
         description = "`wait=N` (RFC 7240): wait up to N seconds (at most 60) for provisioning to finish. The answer is 201 once the order has settled, 202 while it is still being provisioned; follow it with GET /orders/{id}."),
    ),
    responses(
        (status = 201, description = "The order, settled", body = Order),
        (status = 202, description = "The order, still moving (provisioning in the background)", body = Order),
        ConflictError, Errors,
    ))]
pub async fn create(
    State(st): State<AppState>,
    ApiAuth(caller): ApiAuth,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Json<NewOrder>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Order>)> {
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
    let token = orders::place_order(&st, &into_form(body, key), &client, &scope).await?;
    let id = read::id_of_token(&st, &token).await?;
    let status = if settle(&st, id, &headers).await? {
        StatusCode::CREATED
    } else {
        StatusCode::ACCEPTED
    };
    Ok((status, Json(read::by_id(&st, id).await?)))
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
        let moving = read::status_of(st, id).await?.moves_by_itself();
        if !moving || Instant::now() >= deadline {
            return Ok(!moving);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// One order.
#[utoipa::path(get, path = "/orders/{id}", operation_id = "get_order", tag = "orders",
    params(("id" = i64, Path, minimum = 1, description = "The order's id")),
    responses((status = 200, description = "The order", body = Order), Errors))]
pub async fn one(State(st): State<AppState>, _auth: ApiAuth, Id(id): Id) -> ApiResult<Json<Order>> {
    Ok(Json(read::by_id(&st, id).await?))
}

/// Approve an order waiting for approval (an offline payment counts as received), as the key's
/// operator; provisioning follows in the background.
#[utoipa::path(post, path = "/orders/{id}/approve", operation_id = "approve_order", tag = "orders",
    params(
        ("id" = i64, Path, minimum = 1, description = "The order's id"),
        ("Prefer" = Option<String>, Header, example = "wait=30",
         description = "`wait=N` (RFC 7240): wait up to N seconds (at most 60) for provisioning to finish."),
    ),
    responses(
        (status = 200, description = "The order, settled", body = Order),
        (status = 202, description = "The order, still being provisioned", body = Order),
        ConflictError, Errors,
    ))]
pub async fn approve(
    State(st): State<AppState>,
    ApiAuth(caller): ApiAuth,
    Id(id): Id,
    headers: HeaderMap,
) -> ApiResult<(StatusCode, Json<Order>)> {
    orders::review::approve(&st, id, &caller.operator_email).await?;
    let status = if settle(&st, id, &headers).await? {
        StatusCode::OK
    } else {
        StatusCode::ACCEPTED
    };
    Ok((status, Json(read::by_id(&st, id).await?)))
}

/// Reject an order with a reason, as the key's operator; its payment is refunded or voided and
/// the instance name released.
#[utoipa::path(post, path = "/orders/{id}/reject", operation_id = "reject_order", tag = "orders", request_body = Rejection,
    params(("id" = i64, Path, minimum = 1, description = "The order's id")),
    responses((status = 200, description = "The rejected order", body = Order), ConflictError, Errors))]
pub async fn reject(
    State(st): State<AppState>,
    ApiAuth(caller): ApiAuth,
    Id(id): Id,
    body: Result<Json<Rejection>, JsonRejection>,
) -> ApiResult<Json<Order>> {
    let Json(body) = body.map_err(|e| {
        AppError::Invalid(format!("Send {{\"reason\": \"...\"}}: {}", e.body_text()))
    })?;
    orders::review::reject(&st, id, &caller.operator_email, &body.reason).await?;
    Ok(Json(read::by_id(&st, id).await?))
}
