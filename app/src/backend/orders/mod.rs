//! Placing an order: validate, record customer/tenant/order/subscription, pay, provision, mail.
mod events;
mod paid;
mod provision;
mod record;
pub mod review;
mod validate;

use super::auth::hash_password;
use super::catalog::PlanRow;
use super::state::AppState;
use super::storefronts;
use crate::api::orders::{NameCheck, OrderForm, OrderStatusView};
use crate::domain::order_flow::{Actor, FlowContext, OrderEvent};
use crate::domain::InstanceName;
use crate::error::{AppError, Result};
use record::{record_order, OrderTerms, RecordError};
use validate::{validate, ValidOrder};

pub use events::advance;

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

fn taken(name: &str) -> AppError {
    AppError::Conflict(format!(
        "\u{201c}{name}\u{201d} is already taken; please choose another name."
    ))
}

/// Places an order and provisions its instance; returns the order's public token.
/// Sending the same idempotency key again returns the first order instead of a second one.
///
/// The work runs in a task of its own: a client that disconnects midway cannot cancel a charge or
/// a provisioning half done.
pub async fn place_order(st: &AppState, form: &OrderForm, client_ip: &str) -> Result<String> {
    let (st, form, client_ip) = (st.clone(), form.clone(), client_ip.to_string());
    tokio::spawn(async move { place(&st, &form, &client_ip).await })
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "order task failed");
            AppError::Internal
        })?
}

async fn place(st: &AppState, form: &OrderForm, client_ip: &str) -> Result<String> {
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
    if plan.trial_days == 0 {
        return paid::place_paid(st, form, order, plan, storefront.id, client_ip).await;
    }
    let password_hash = hash_password(order.password.expose().to_string()).await?;
    let terms = OrderTerms {
        total_minor: 0,
        currency: plan.currency.clone(),
        selection_json: "{}".into(),
        flag_reasons: String::new(),
        storefront_id: Some(storefront.id),
        client_ip: client_ip.to_string(),
        period_months: 1,
        admin_password_hash: password_hash,
    };
    // A trial needs no payment: once placed it goes straight to provisioning.
    let ctx = FlowContext {
        payment_required: false,
        flagged: false,
        payment_captured: false,
    };
    let now = st.now();
    let recorded = async {
        let mut tx = st.pool.begin().await?;
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
    provision::provision(st, &(&order).into(), &plan, &rec, &ctx).await?;
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

#[derive(sqlx::FromRow)]
struct StatusRow {
    instance_name: String,
    status: String,
    failure_reason: Option<String>,
    plan_name: String,
    email: String,
    tenant_state: Option<String>,
    payment_instructions: Option<String>,
    invoice_number: Option<String>,
}

/// The public view of an order, by its unguessable token.
pub async fn order_status(st: &AppState, token: &str) -> Result<OrderStatusView> {
    let row: StatusRow = sqlx::query_as(
        "SELECT o.instance_name, o.status, o.failure_reason, p.name AS plan_name, c.email, t.state AS tenant_state, \
         (SELECT pm.detail FROM payments pm WHERE pm.order_id = o.id AND pm.status = 'pending' ORDER BY pm.id DESC LIMIT 1) AS payment_instructions, \
         (SELECT i.number FROM invoices i WHERE i.order_id = o.id ORDER BY i.id DESC LIMIT 1) AS invoice_number \
         FROM orders o JOIN plans p ON p.id = o.plan_id JOIN customers c ON c.id = o.customer_id \
         LEFT JOIN tenants t ON t.id = o.tenant_id WHERE o.public_token = $1",
    )
    .bind(token)
    .fetch_optional(&st.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(OrderStatusView {
        instance_url: st.config.instance_url(&row.instance_name),
        instance_name: row.instance_name,
        status: row.status,
        failure_reason: row.failure_reason,
        plan_name: row.plan_name,
        email: row.email,
        tenant_state: row.tenant_state.unwrap_or_default(),
        payment_instructions: row.payment_instructions.filter(|s| !s.is_empty()),
        invoice_number: row.invoice_number,
    })
}
