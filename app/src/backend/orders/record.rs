//! Writing a new order with its customer, tenant (which reserves the name) and subscription.
use chrono::{DateTime, Duration, Utc};
use rand::{distributions::Alphanumeric, Rng};
use sqlx::AnyConnection;

use super::events;
use super::validate::ValidOrder;
use crate::backend::catalog::PlanRow;
use crate::backend::db::{is_unique_violation, ts};
use crate::backend::idempotency::{self, IdempotencyKey};
use crate::backend::state::AppState;
use crate::backend::{subscription_state, tenants};
use crate::domain::format::Locale;
use crate::domain::Actor;
use crate::error::AppError;

/// Why recording failed, so the caller can answer precisely.
pub(super) enum RecordError {
    /// The instance name was taken between the check and the insert.
    Taken,
    /// The idempotency key was used meanwhile (a concurrent double submission).
    Replayed,
    /// Anything else.
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

impl RecordError {
    /// The answer to the customer: a taken name is a conflict, and an order recorded meanwhile
    /// under the same key (a request that took over an expired claim) is the answer itself.
    pub(super) async fn answer(
        self,
        st: &AppState,
        order: &ValidOrder,
        key: &IdempotencyKey,
    ) -> crate::error::Result<i64> {
        match self {
            RecordError::Taken => Err(super::taken(order.instance.as_str())),
            RecordError::Replayed => {
                let (id,): (i64,) =
                    sqlx::query_as("SELECT id FROM orders WHERE idempotency_key = $1")
                        .bind(key.scoped())
                        .fetch_one(&st.pool)
                        .await?;
                Ok(id)
            }
            RecordError::Other(e) => Err(e),
        }
    }
}

impl From<AppError> for RecordError {
    fn from(e: AppError) -> Self {
        RecordError::Other(e)
    }
}

/// The money side of a new order.
#[derive(Clone)]
pub(super) struct OrderTerms {
    /// Amount due now, in minor units.
    pub total_minor: i64,
    /// Its currency.
    pub currency: String,
    /// The configuration as JSON, for the record and for renewals.
    pub selection_json: String,
    /// Why screening flagged it (empty when it did not).
    pub flag_reasons: String,
    /// The storefront it was sold through.
    pub storefront_id: Option<i64>,
    /// The customer's address, for screening.
    pub client_ip: String,
    /// Months of the first period (ignored for trials).
    pub period_months: i64,
    /// The instance admin's password hash, kept until provisioning creates the admin.
    pub admin_password_hash: String,
    /// Whether the customer starts on the plan's free trial.
    pub is_trial: bool,
    /// Billing address and country (empty for a trial).
    pub billing: (String, String),
    /// The business's VAT ID (empty when none was given).
    pub vat_id: String,
    /// What the first period's service is invoiced, before tax and setup fees (0 for a trial).
    pub period_paid_minor: i64,
    /// What each period renews for, before tax, with a discount that runs on (0 for a trial).
    pub recurring_minor: i64,
    /// The language the customer ordered in, which their mails are written in.
    pub locale: Locale,
}

/// Ids of what was written.
pub(super) struct Recorded {
    pub token: String,
    pub order_id: i64,
    pub customer_id: i64,
    pub tenant_id: i64,
}

/// Inserts customer, tenant (`provisioning`), order (`placed`) and subscription (`pending`) in the
/// caller's transaction, with the tenant's and the order's first events, and completes the
/// idempotency key's claim with the order.
pub(super) async fn record_order(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    order: &ValidOrder,
    plan: &PlanRow,
    terms: &OrderTerms,
    key: &IdempotencyKey,
) -> std::result::Result<Recorded, RecordError> {
    let token = public_token();
    let (customer_id,): (i64,) =
        sqlx::query_as("INSERT INTO customers (company, contact_name, email, billing_address, billing_country, vat_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
            .bind(&order.company)
            .bind(&order.contact_name)
            .bind(order.email.as_str())
            .bind(&terms.billing.0)
            .bind(&terms.billing.1)
            .bind(&terms.vat_id)
            .bind(ts(now))
            .fetch_one(&mut *conn)
            .await?;
    let (tenant_id,): (i64,) = sqlx::query_as(
        "INSERT INTO tenants (name, customer_id, plan_id, state, created_at, updated_at) VALUES ($1, $2, $3, 'provisioning', $4, $4) RETURNING id",
    )
    .bind(order.instance.as_str())
    .bind(customer_id)
    .bind(plan.id)
    .bind(ts(now))
    .fetch_one(&mut *conn)
    .await?;
    let actor = Actor::Customer(order.email.as_str().to_string());
    tenants::record_created(conn, now, tenant_id, &actor).await?;
    let (order_id,): (i64,) = sqlx::query_as(
        "INSERT INTO orders (public_token, idempotency_key, customer_id, plan_id, tenant_id, storefront_id, instance_name, kind, status, \
         selection_json, total_minor, currency, client_ip, flag_reasons, admin_password_hash, is_trial, created_at, updated_at, locale) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'new_sale', 'placed', $8, $9, $10, $11, $12, $13, $14, $15, $15, $16) RETURNING id",
    )
    .bind(&token)
    .bind(key.scoped())
    .bind(customer_id)
    .bind(plan.id)
    .bind(tenant_id)
    .bind(terms.storefront_id)
    .bind(order.instance.as_str())
    .bind(&terms.selection_json)
    .bind(terms.total_minor)
    .bind(&terms.currency)
    .bind(&terms.client_ip)
    .bind(&terms.flag_reasons)
    .bind(&terms.admin_password_hash)
    .bind(i64::from(terms.is_trial))
    .bind(ts(now))
    .bind(terms.locale.tag())
    .fetch_one(&mut *conn)
    .await?;
    events::record_placed(conn, now, order_id, &actor).await?;
    idempotency::complete(conn, key, order_id).await?;
    let (trial_end, period_end) = if terms.is_trial {
        let end = now + Duration::days(plan.trial_days);
        (Some(ts(end)), end)
    } else {
        (None, add_months(now, terms.period_months))
    };
    let (subscription_id,): (i64,) = sqlx::query_as(
        "INSERT INTO subscriptions (customer_id, plan_id, tenant_id, status, trial_ends_at, period_start, period_end, created_at, \
         selection_json, storefront_id, period_paid_minor, period_paid_from, recurring_minor) VALUES ($1, $2, $3, 'pending', $4, $5, $6, $5, $7, $8, $9, $5, $10) \
         RETURNING id",
    )
    .bind(customer_id)
    .bind(plan.id)
    .bind(tenant_id)
    .bind(trial_end)
    .bind(ts(now))
    .bind(ts(period_end))
    .bind(&terms.selection_json)
    .bind(terms.storefront_id)
    .bind(terms.period_paid_minor)
    .bind(terms.recurring_minor)
    .fetch_one(&mut *conn)
    .await?;
    subscription_state::record_created(conn, now, subscription_id, &actor).await?;
    Ok(Recorded {
        token,
        order_id,
        customer_id,
        tenant_id,
    })
}

/// A new order's public token: 32 random letters and digits, the order page's only key.
pub(super) fn public_token() -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(32)
        .map(char::from)
        .collect()
}

/// The same day `months` later (clamped to the month's end, as billing periods are).
pub(crate) fn add_months(t: DateTime<Utc>, months: i64) -> DateTime<Utc> {
    u32::try_from(months)
        .ok()
        .and_then(|m| t.checked_add_months(chrono::Months::new(m)))
        .unwrap_or(t)
}
