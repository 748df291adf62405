//! Placing an order: validate, record customer/tenant/order/subscription, pay, then hand the
//! instance to the provisioning job.
pub mod change;
pub mod confirm_email;
pub(crate) mod events;
pub mod messages;
mod paid;
mod payment_mail;
pub mod queue;
pub mod read;
pub(crate) mod record;
pub mod review;
mod screening;
mod status;
pub(crate) mod validate;

use super::catalog::storefront_plans;
use super::catalog::PlanRow;
use super::fraud_settings;
use super::idempotency::{self, IdempotencyKey};
use super::provisioning;
use super::state::AppState;
use crate::domain::format::Locale;
use crate::domain::order_flow::{FlowContext, OrderEvent};
use crate::domain::InstanceName;
use crate::error::{AppError, Result};
use crate::wire::orders::{NameCheck, OrderForm};
use record::{record_order, OrderTerms, RecordError};
use validate::{canonical, validate, ValidOrder};

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
    /// Their language (the switcher's cookie, else `Accept-Language`, else English): the order's
    /// mails are written in it.
    pub locale: Locale,
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
        let cookies = headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok());
        let accept = headers
            .get(http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        Client {
            ip: proxies.client_ip(peer, headers),
            country,
            locale: crate::i18n::negotiate(cookies, accept),
        }
    }
}

fn taken(name: &str) -> AppError {
    AppError::Conflict(format!(
        "\u{201c}{name}\u{201d} is already taken; please choose another name."
    ))
    .in_field("instance_name")
}

/// Places an order (its instance is then provisioned in the background); returns the order's public
/// token. `scope` says whose idempotency key the form carries (`web`, `api:<key id>`): the same
/// key and request return the first order; the same key with another request is refused.
///
/// The work runs in a task of its own: a client that disconnects midway cannot cancel a charge or
/// a provisioning half done.
pub async fn place_order(
    st: &AppState,
    form: &OrderForm,
    client: &Client,
    scope: &str,
) -> Result<String> {
    let (state, form, client, scope) =
        (st.clone(), form.clone(), client.clone(), scope.to_string());
    detached(
        st,
        async move { place(&state, &form, &client, &scope).await },
    )
    .await
}

/// Runs an order's work (which answers the order's id) in a task of its own, so a client that
/// disconnects cannot cut it between charge and record; answers the order's public token.
pub(crate) async fn detached(
    st: &AppState,
    work: impl std::future::Future<Output = Result<i64>> + Send + 'static,
) -> Result<String> {
    let order_id = tokio::spawn(work).await.map_err(|e| {
        tracing::error!(error = %e, "order task failed");
        AppError::Internal
    })??;
    let (token,): (String,) = sqlx::query_as("SELECT public_token FROM orders WHERE id = $1")
        .bind(order_id)
        .fetch_one(&st.pool)
        .await?;
    Ok(token)
}

async fn place(st: &AppState, form: &OrderForm, client: &Client, scope: &str) -> Result<i64> {
    let order = validate(form)?;
    let unavailable = |e: AppError| match e {
        AppError::NotFound => AppError::Invalid(crate::i18n::tr(
            client.locale,
            "checkout-error-plan-unavailable",
        )),
        other => other,
    };
    let storefront = storefront_plans::by_code(&st.pool, &form.storefront)
        .await
        .map_err(unavailable)?;
    let plan = storefront_plans::plan(&st.pool, storefront.id, form.plan.trim())
        .await
        .map_err(unavailable)?;
    if plan.currency != storefront.currency {
        return Err(AppError::Invalid(format!(
            "This storefront sells in {}; this plan is priced in {}.",
            storefront.currency, plan.currency
        )));
    }
    let key = IdempotencyKey::new(scope, &order.idempotency_key, &canonical(form))?;
    idempotency::run(&st.pool, st.now(), &key, || async {
        if !check_name(st, order.instance.as_str()).await?.available {
            return Err(taken(order.instance.as_str()));
        }
        if plan.offer().is_trial(&form.offer)? {
            place_trial(st, &order, &plan, storefront.id, client, &key).await
        } else {
            paid::place_paid(st, form, &order, &plan, &storefront, client, &key).await
        }
    })
    .await
}

async fn place_trial(
    st: &AppState,
    order: &ValidOrder,
    plan: &PlanRow,
    storefront_id: i64,
    client: &Client,
    key: &IdempotencyKey,
) -> Result<i64> {
    let rules = fraud_settings::current(st).await?;
    let terms = OrderTerms {
        total_minor: 0,
        currency: plan.currency.clone(),
        selection_json: "{}".into(),
        flag_reasons: String::new(),
        storefront_id: Some(storefront_id),
        client_ip: client.ip.clone(),
        period_months: 1,
        admin_password_hash: st
            .passwords
            .hash(order.password.expose().to_string())
            .await?,
        is_trial: true,
        billing: (String::new(), String::new()),
        vat_id: String::new(),
        period_paid_minor: 0,
        recurring_minor: 0,
        locale: client.locale,
    };
    let now = st.now();
    let recorded = async {
        let mut tx = crate::backend::db::begin(&st.pool).await?;
        let screening = screening::screen_in(&mut tx, now, &rules, order, client, None).await?;
        let terms = OrderTerms {
            flag_reasons: screening.reasons.join("; "),
            ..terms
        };
        let rec = record_order(&mut tx, now, order, plan, &terms, key).await?;
        // A trial needs no payment: it waits for an operator when screening flagged it, for its
        // customer's email confirmation when that is asked for, and else goes to provisioning.
        let confirm = st.config.trial_email_confirmation && !screening.flagged;
        let waits = screening.flagged || confirm;
        let ctx = FlowContext {
            payment_required: false,
            flagged: waits,
            payment_captured: false,
        };
        let screened = OrderEvent::Screened { flagged: waits };
        let rule = screening.actor();
        let status = advance(&mut tx, now, rec.order_id, &screened, &ctx, &rule).await?;
        let code = match confirm {
            true => Some(confirm_email::issue(&mut tx, now, rec.order_id).await?),
            false => None,
        };
        tx.commit().await?;
        Ok::<_, RecordError>((rec, status, code))
    }
    .await;
    match recorded {
        Ok((rec, status, code)) => {
            provisioning::start_if_due(st, rec.order_id, status);
            if let Some(code) = code {
                let (email, name) = (order.email.as_str(), order.instance.as_str());
                confirm_email::send(st, client.locale, email, &rec.token, &code, name).await;
            }
            Ok(rec.order_id)
        }
        Err(e) => e.answer(st, order, key).await,
    }
}
