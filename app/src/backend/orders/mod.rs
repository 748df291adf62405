//! Placing an order: validate, record customer/tenant/order/subscription, pay, then hand the
//! instance to the provisioning job.
pub mod change;
mod events;
mod paid;
pub mod provision;
mod record;
pub mod review;
mod status;
mod validate;

use super::catalog::PlanRow;
use super::state::AppState;
use super::storefronts;
use crate::api::orders::{NameCheck, OrderForm};
use crate::domain::order_flow::{Actor, FlowContext, OrderEvent};
use crate::domain::InstanceName;
use crate::error::{AppError, Result};
use record::{record_order, OrderTerms, RecordError};
use validate::{validate, ValidOrder};

pub use events::advance;
pub use status::order_status;
pub(crate) use validate::number as form_count;

/// Whether an instance name is valid and free, with a message for the form.
pub async fn check_name(st: &AppState, raw: &str) -> Result<NameCheck> {
    let name = match InstanceName::parse(raw) {
        Ok(n) => n,
        Err(e) => {
            return Ok(NameCheck {
                name: raw.trim().to_lowercase(),
                available: false,
                message: e.to_string(),
                url: String::new(),
            })
        }
    };
    let (taken,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM tenants WHERE name = $1 AND state <> 'failed'")
            .bind(name.as_str())
            .fetch_one(&st.pool)
            .await?;
    let url = st.config.instance_url(name.as_str());
    Ok(if taken > 0 {
        NameCheck {
            name: name.as_str().into(),
            available: false,
            message: format!(
                "\u{201c}{}\u{201d} is already taken; please choose another name.",
                name.as_str()
            ),
            url,
        }
    } else {
        NameCheck {
            name: name.as_str().into(),
            available: true,
            message: format!("{url} is available."),
            url,
        }
    })
}

/// Who sent an order: their address and, when a trusted proxy says so, its country.
#[derive(Debug, Clone, Default)]
pub struct Client {
    /// IP address.
    pub ip: String,
    /// Two-letter country of the address, from the configured proxy header.
    pub country: Option<String>,
}

impl Client {
    /// The client of a request from the TCP peer `peer`: its address as
    /// [`ClientIpConfig::client_ip`](crate::backend::client_ip::ClientIpConfig::client_ip) finds
    /// it, and its country from the configured header, believed only from a trusted proxy.
    pub fn from_request(
        st: &AppState,
        peer: Option<std::net::IpAddr>,
        headers: &http::HeaderMap,
    ) -> Client {
        let proxies = &st.config.client_ip;
        let country = st
            .config
            .ip_country_header
            .as_deref()
            .filter(|_| proxies.trusts(peer))
            .and_then(|name| headers.get(name))
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        Client {
            ip: proxies.client_ip(peer, headers),
            country,
        }
    }
}

fn taken(name: &str) -> AppError {
    AppError::Conflict(format!(
        "\u{201c}{name}\u{201d} is already taken; please choose another name."
    ))
}

/// Places an order (its instance is then provisioned in the background); returns the order's public
/// token.
/// Sending the same idempotency key again returns the first order instead of a second one.
///
/// The work runs in a task of its own: a client that disconnects midway cannot cancel a charge or
/// a provisioning half done.
pub async fn place_order(st: &AppState, form: &OrderForm, client: &Client) -> Result<String> {
    let (st, form, client) = (st.clone(), form.clone(), client.clone());
    tokio::spawn(async move { place(&st, &form, &client).await })
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "order task failed");
            AppError::Internal
        })?
}

async fn place(st: &AppState, form: &OrderForm, client: &Client) -> Result<String> {
    let order = validate(form)?;
    let unavailable = |e: AppError| match e {
        AppError::NotFound => AppError::Invalid("This plan is not available.".into()),
        other => other,
    };
    let storefront = storefronts::by_code(&st.pool, &form.storefront)
        .await
        .map_err(unavailable)?;
    let plan = storefronts::plan(&st.pool, storefront.id, form.plan.trim())
        .await
        .map_err(unavailable)?;
    if plan.currency != storefront.currency {
        return Err(AppError::Invalid(format!(
            "This storefront sells in {}; this plan is priced in {}.",
            storefront.currency, plan.currency
        )));
    }
    if let Some(token) = replayed(st, &order, &plan).await? {
        return Ok(token);
    }
    if !check_name(st, order.instance.as_str()).await?.available {
        return Err(taken(order.instance.as_str()));
    }
    if !plan.offer().is_trial(&form.offer)? {
        return paid::place_paid(st, form, order, plan, storefront.id, client).await;
    }
    let password_hash = st
        .passwords
        .hash(order.password.expose().to_string())
        .await?;
    let terms = OrderTerms {
        total_minor: 0,
        currency: plan.currency.clone(),
        selection_json: "{}".into(),
        flag_reasons: String::new(),
        storefront_id: Some(storefront.id),
        client_ip: client.ip.clone(),
        period_months: 1,
        admin_password_hash: password_hash,
        is_trial: true,
        billing: (String::new(), String::new()),
    };
    // A trial needs no payment: once placed it goes straight to provisioning.
    let ctx = FlowContext {
        payment_required: false,
        flagged: false,
        payment_captured: false,
    };
    let now = st.now();
    let recorded = async {
        let mut tx = crate::backend::db::begin(&st.pool).await?;
        let rec = record_order(&mut tx, now, &order, &plan, &terms).await?;
        advance(
            &mut tx,
            now,
            rec.order_id,
            &OrderEvent::Screened { flagged: false },
            &ctx,
            &Actor::System,
        )
        .await?;
        tx.commit().await?;
        Ok::<_, RecordError>(rec)
    }
    .await;
    let rec = match recorded {
        Ok(rec) => rec,
        Err(RecordError::Taken) => return Err(taken(order.instance.as_str())),
        Err(RecordError::Replayed) => {
            return replayed(st, &order, &plan).await?.ok_or(AppError::Internal)
        }
        Err(RecordError::Other(e)) => return Err(e),
    };
    provision::start(st, rec.order_id);
    Ok(rec.token)
}

async fn replayed(st: &AppState, order: &ValidOrder, plan: &PlanRow) -> Result<Option<String>> {
    let row: Option<(String, i64, String, String)> = sqlx::query_as(
        "SELECT o.public_token, o.plan_id, o.instance_name, c.email FROM orders o JOIN customers c ON c.id = o.customer_id \
         WHERE o.idempotency_key = $1",
    )
    .bind(&order.idempotency_key)
    .fetch_optional(&st.pool)
    .await?;
    match row {
        None => Ok(None),
        Some((token, plan_id, name, email))
            if plan_id == plan.id
                && name == order.instance.as_str()
                && email == order.email.as_str() =>
        {
            Ok(Some(token))
        }
        Some(_) => Err(AppError::Conflict(
            "This form was already submitted for a different order; please reload the page.".into(),
        )),
    }
}
