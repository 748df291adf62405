//! Placing an order: validate, record customer/tenant/order/subscription, provision, mail.
use chrono::Duration;
use rand::{distributions::Alphanumeric, Rng};

use super::auth::{hash_password, insert_user, NewUser};
use super::catalog::{published_plan, PlanRow};
use super::db::{is_unique_violation, ts};
use super::provisioning::{choose_target, provision_database, InstanceAdmin};
use super::state::AppState;
use super::tenants;
use crate::api::orders::{NameCheck, OrderForm, OrderStatusView};
use crate::domain::tenant_state::TenantEvent;
use crate::domain::{Email, InstanceName, Password, RequiredText, Role};
use crate::error::{AppError, Result};

/// An order form after validation.
struct ValidOrder {
    company: String,
    contact_name: String,
    email: Email,
    password: Password,
    instance: InstanceName,
    idempotency_key: String,
}

fn validate(form: &OrderForm) -> Result<ValidOrder> {
    let key = form.idempotency_key.trim();
    if key.is_empty()
        || key.len() > 100
        || !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(AppError::Invalid(
            "The form has expired; please reload the page and submit it again.".into(),
        ));
    }
    Ok(ValidOrder {
        company: RequiredText::parse("Company name", &form.company, 200)?.into_string(),
        contact_name: RequiredText::parse("Contact name", &form.contact_name, 200)?.into_string(),
        email: Email::parse(&form.email)?,
        password: Password::parse(&form.password)?,
        instance: InstanceName::parse(&form.instance_name)?,
        idempotency_key: key.to_string(),
    })
}

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
pub async fn place_order(st: &AppState, form: &OrderForm) -> Result<String> {
    let order = validate(form)?;
    let plan = published_plan(&st.pool, form.plan.trim())
        .await
        .map_err(|e| match e {
            AppError::NotFound => AppError::Invalid("This plan is not available.".into()),
            other => other,
        })?;
    if let Some(token) = replayed(st, &order, &plan).await? {
        return Ok(token);
    }
    if plan.trial_days == 0 {
        return Err(AppError::Invalid("Paid plans need online payment, which is not open yet; please start with a free trial plan.".into()));
    }
    if !check_name(st, order.instance.as_str()).await?.available {
        return Err(taken(order.instance.as_str()));
    }
    let password_hash = hash_password(order.password.expose().to_string()).await?;
    let (token, tenant_id) = match record_order(st, &order, &plan).await {
        Ok(v) => v,
        Err(RecordError::Taken) => return Err(taken(order.instance.as_str())),
        Err(RecordError::Replayed) => {
            return replayed(st, &order, &plan).await?.ok_or(AppError::Internal)
        }
        Err(RecordError::Other(e)) => return Err(e),
    };
    provision(st, &order, &plan, tenant_id, &password_hash).await?;
    Ok(token)
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

enum RecordError {
    Taken,
    Replayed,
    Other(AppError),
}

impl From<sqlx::Error> for RecordError {
    fn from(e: sqlx::Error) -> Self {
        if is_unique_violation(&e, "tenants") {
            RecordError::Taken
        } else if is_unique_violation(&e, "orders") {
            RecordError::Replayed
        } else {
            RecordError::Other(e.into())
        }
    }
}

impl From<AppError> for RecordError {
    fn from(e: AppError) -> Self {
        RecordError::Other(e)
    }
}

/// Writes customer, tenant, order and subscription in one transaction.
async fn record_order(
    st: &AppState,
    order: &ValidOrder,
    plan: &PlanRow,
) -> std::result::Result<(String, i64), RecordError> {
    let now = st.now();
    let token: String = rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(32)
        .map(char::from)
        .collect();
    let mut tx = st.pool.begin().await?;
    let (customer_id,): (i64,) = sqlx::query_as("INSERT INTO customers (company, contact_name, email, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(&order.company)
        .bind(&order.contact_name)
        .bind(order.email.as_str())
        .bind(ts(now))
        .fetch_one(&mut *tx)
        .await?;
    let (tenant_id,): (i64,) = sqlx::query_as(
        "INSERT INTO tenants (name, customer_id, plan_id, state, created_at, updated_at) VALUES ($1, $2, $3, 'provisioning', $4, $4) RETURNING id",
    )
    .bind(order.instance.as_str())
    .bind(customer_id)
    .bind(plan.id)
    .bind(ts(now))
    .fetch_one(&mut *tx)
    .await?;
    tenants::record_created(
        &mut tx,
        now,
        tenant_id,
        &format!("customer:{}", order.email.as_str()),
    )
    .await?;
    sqlx::query(
        "INSERT INTO orders (public_token, idempotency_key, customer_id, plan_id, tenant_id, instance_name, kind, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'new_sale', 'provisioning', $7, $7)",
    )
    .bind(&token)
    .bind(&order.idempotency_key)
    .bind(customer_id)
    .bind(plan.id)
    .bind(tenant_id)
    .bind(order.instance.as_str())
    .bind(ts(now))
    .execute(&mut *tx)
    .await?;
    let trial_end = now + Duration::days(plan.trial_days);
    sqlx::query(
        "INSERT INTO subscriptions (customer_id, plan_id, tenant_id, status, trial_ends_at, period_start, period_end, created_at) \
         VALUES ($1, $2, $3, 'pending', $4, $5, $4, $5)",
    )
    .bind(customer_id)
    .bind(plan.id)
    .bind(tenant_id)
    .bind(ts(trial_end))
    .bind(ts(now))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((token, tenant_id))
}

/// Creates the instance; on failure marks tenant, order and subscription failed and cleans up.
async fn provision(
    st: &AppState,
    order: &ValidOrder,
    plan: &PlanRow,
    tenant_id: i64,
    password_hash: &str,
) -> Result<()> {
    let db = choose_target(st, tenant_id).await?;
    sqlx::query("UPDATE tenants SET db_server = $1, db_name = $2 WHERE id = $3")
        .bind(&db.server)
        .bind(&db.name)
        .bind(tenant_id)
        .execute(&st.pool)
        .await?;
    let admin = InstanceAdmin {
        email: order.email.as_str(),
        full_name: &order.contact_name,
        password_hash,
        company: &order.company,
    };
    let outcome = provision_database(st, &db, plan, order.instance.as_str(), &admin).await;
    let now = st.now();
    let mut tx = st.pool.begin().await?;
    match outcome {
        Err((step, reason)) => {
            let detail = format!("step \u{201c}{}\u{201d} failed: {reason}", step.label());
            tenants::apply(
                &mut tx,
                now,
                tenant_id,
                &TenantEvent::ProvisioningFailed,
                "provisioner",
                &detail,
            )
            .await?;
            sqlx::query("UPDATE orders SET status = 'failed', failure_reason = $1, updated_at = $2 WHERE tenant_id = $3")
                .bind(format!("Setting up the instance failed at \u{201c}{}\u{201d}; nothing was kept. Please try again.", step.label()))
                .bind(ts(now))
                .bind(tenant_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("UPDATE subscriptions SET status = 'cancelled' WHERE tenant_id = $1")
                .bind(tenant_id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
        Ok(()) => {
            let trial = plan.trial_days > 0;
            tenants::apply(
                &mut tx,
                now,
                tenant_id,
                &TenantEvent::Provisioned { trial },
                "provisioner",
                "instance ready",
            )
            .await?;
            let (customer_id,): (i64,) =
                sqlx::query_as("SELECT customer_id FROM tenants WHERE id = $1")
                    .bind(tenant_id)
                    .fetch_one(&mut *tx)
                    .await?;
            let user = NewUser {
                email: &order.email,
                password_hash,
                full_name: &order.contact_name,
                role: Role::TenantAdmin,
                tenant_id: Some(tenant_id),
                customer_id: Some(customer_id),
            };
            insert_user(&mut tx, now, user).await?;
            sqlx::query("UPDATE subscriptions SET status = $1 WHERE tenant_id = $2")
                .bind(if trial { "trial" } else { "active" })
                .bind(tenant_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE orders SET status = 'completed', updated_at = $1 WHERE tenant_id = $2",
            )
            .bind(ts(now))
            .bind(tenant_id)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            send_welcome(st, order, plan, tenant_id).await;
        }
    }
    Ok(())
}

async fn send_welcome(st: &AppState, order: &ValidOrder, plan: &PlanRow, tenant_id: i64) {
    let url = st.config.instance_url(order.instance.as_str());
    let trial = if plan.trial_days > 0 {
        format!("Your free trial runs for {} days.\n", plan.trial_days)
    } else {
        String::new()
    };
    let body = format!(
        "Hello {},\n\nyour {} instance for {} is ready:\n\n  {url}\n\nLog in at {url}/login with {} and the password you chose.\n{trial}\nThe Tenantry team\n",
        order.contact_name, plan.name, order.company, order.email.as_str()
    );
    let subject = format!("Your instance {} is ready", order.instance.as_str());
    if let Err(e) = st
        .mailer
        .send(&st.config.mail_from, order.email.as_str(), &subject, body)
        .await
    {
        tracing::error!(tenant_id, error = %e, "welcome mail not sent");
        if let Ok(mut conn) = st.pool.acquire().await {
            let _ = tenants::record_note(
                &mut conn,
                st.now(),
                tenant_id,
                "welcome_mail_failed",
                "mailer",
                &e.to_string(),
            )
            .await;
        }
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
}

/// The public view of an order, by its unguessable token.
pub async fn order_status(st: &AppState, token: &str) -> Result<OrderStatusView> {
    let row: StatusRow = sqlx::query_as(
        "SELECT o.instance_name, o.status, o.failure_reason, p.name AS plan_name, c.email, t.state AS tenant_state \
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
    })
}
