//! Orders that change a running subscription: upgrades, downgrades and add-ons bought from the
//! portal, cancellations, and renewals the sweep places at the end of each period. They run the
//! same workflow as a new sale (payment, approval, then a background job that applies them).
pub mod apply;
pub mod charge;
pub mod convert;
mod place;
pub mod renew;
mod renew_batch;
pub mod stale;
mod under_way;

use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use super::events;
use crate::backend::catalog::{plan_by_id, PlanRow};
use crate::backend::db::{is_unique_violation, parse_ts, ts};
use crate::backend::invoices;
use crate::backend::state::AppState;
use crate::domain::order_flow::OrderKind;
use crate::domain::pricing::{PaidPeriod, PeriodPosition, Selection};
use crate::domain::vat_id::{TaxTreatment, VatId};
use crate::domain::Actor;
use crate::domain::{Currency, Money, SubscriptionState};
use crate::error::{AppError, Result};
pub use under_way::under_way;

pub use charge::stored_card;
pub use place::{cancel, place_change, preview_change, ChangeRequest};

/// A tenant's subscription as it runs today.
pub struct Current {
    pub tenant_id: i64,
    pub customer_id: i64,
    pub instance_name: String,
    pub status: SubscriptionState,
    pub plan: PlanRow,
    pub selection: Selection,
    pub storefront_id: Option<i64>,
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    pub cancel_at_period_end: bool,
    pub billing_country: String,
    /// The customer's VAT ID (checked when ordered), for reverse charge.
    pub vat_id: Option<VatId>,
    pub bill_to: String,
    /// What was invoiced for the period's service (before tax and setup fees), minor units.
    pub period_paid_minor: i64,
    /// From when that amount pays for the period.
    pub period_paid_from: DateTime<Utc>,
}

/// A subscription with its tenant and customer, for [`Current`].
const SELECT_CURRENT: &str = "SELECT s.tenant_id, s.customer_id, t.name AS instance_name, s.status, s.plan_id, \
    s.selection_json, s.storefront_id, s.period_start, s.period_end, s.cancel_at_period_end, c.billing_country, \
    c.vat_id, c.company, c.billing_address, s.period_paid_minor, s.period_paid_from \
    FROM subscriptions s JOIN tenants t ON t.id = s.tenant_id JOIN customers c ON c.id = s.customer_id";

#[derive(sqlx::FromRow)]
struct CurrentRow {
    tenant_id: i64,
    customer_id: i64,
    instance_name: String,
    status: SubscriptionState,
    plan_id: i64,
    selection_json: String,
    storefront_id: Option<i64>,
    period_start: String,
    period_end: String,
    cancel_at_period_end: i64,
    billing_country: String,
    vat_id: String,
    company: String,
    billing_address: String,
    period_paid_minor: i64,
    period_paid_from: Option<String>,
}

impl Current {
    /// Loads the subscription of `tenant_id`.
    pub async fn load(st: &AppState, tenant_id: i64) -> Result<Current> {
        let r: CurrentRow = sqlx::query_as(&format!("{SELECT_CURRENT} WHERE s.tenant_id = $1"))
            .bind(tenant_id)
            .fetch_optional(&st.pool)
            .await?
            .ok_or(AppError::NotFound)?;
        let plan = plan_by_id(&st.pool, r.plan_id).await?;
        Current::of_row(r, plan)
    }

    /// Loads the subscriptions of `tenant_ids` in one query (plans read once each), with each
    /// customer's VAT ID as stored; those not found are left out.
    pub async fn load_many(st: &AppState, tenant_ids: &[i64]) -> Result<Vec<(Current, String)>> {
        if tenant_ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<String> = tenant_ids.iter().map(i64::to_string).collect();
        let rows: Vec<CurrentRow> = sqlx::query_as(&format!(
            "{SELECT_CURRENT} WHERE s.tenant_id IN ({})",
            ids.join(", ")
        ))
        .fetch_all(&st.pool)
        .await?;
        let mut plans: std::collections::HashMap<i64, PlanRow> = std::collections::HashMap::new();
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let plan = match plans.get(&r.plan_id) {
                Some(p) => p.clone(),
                None => {
                    let p = plan_by_id(&st.pool, r.plan_id).await?;
                    plans.insert(r.plan_id, p.clone());
                    p
                }
            };
            let vat_id = r.vat_id.clone();
            out.push((Current::of_row(r, plan)?, vat_id));
        }
        Ok(out)
    }

    fn of_row(r: CurrentRow, plan: PlanRow) -> Result<Current> {
        let selection = serde_json::from_str(&r.selection_json).unwrap_or_default();
        let period_start = parse_ts(&r.period_start).ok_or(AppError::Internal)?;
        Ok(Current {
            tenant_id: r.tenant_id,
            customer_id: r.customer_id,
            instance_name: r.instance_name,
            status: r.status,
            plan,
            selection,
            storefront_id: r.storefront_id,
            period_start,
            period_paid_minor: r.period_paid_minor,
            period_paid_from: r
                .period_paid_from
                .as_deref()
                .and_then(parse_ts)
                .unwrap_or(period_start),
            period_end: parse_ts(&r.period_end).ok_or(AppError::Internal)?,
            cancel_at_period_end: r.cancel_at_period_end == 1,
            bill_to: invoices::bill_to(&r.company, &r.billing_address, &r.billing_country),
            billing_country: r.billing_country,
            vat_id: VatId::parse(&r.vat_id).ok(),
        })
    }

    /// The tax this customer pays: the billing country's rate, or none under reverse charge.
    pub async fn tax(&self, st: &AppState) -> Result<TaxTreatment> {
        crate::backend::pricing::tax_treatment(
            &st.pool,
            self.storefront_id,
            &self.billing_country,
            self.vat_id.as_ref(),
        )
        .await
    }

    /// Refuses, in the caller's transaction, when the subscription changed since it was loaded
    /// (another change was applied meanwhile): what was priced no longer holds.
    pub async fn ensure_unchanged(&self, conn: &mut AnyConnection) -> Result<()> {
        let (plan_id, selection_json, period_end): (i64, String, String) = sqlx::query_as(
            "SELECT plan_id, selection_json, period_end FROM subscriptions WHERE tenant_id = $1",
        )
        .bind(self.tenant_id)
        .fetch_one(conn)
        .await?;
        let selection: Selection = serde_json::from_str(&selection_json).unwrap_or_default();
        if plan_id != self.plan.id
            || selection != self.selection
            || parse_ts(&period_end) != Some(self.period_end)
        {
            return Err(AppError::Conflict(
                "Your subscription changed meanwhile; review the change and confirm it again."
                    .into(),
            ));
        }
        Ok(())
    }

    /// What was paid for the period, as the days up to its end that it covers.
    pub fn paid(&self) -> Result<PaidPeriod> {
        let days = (self.period_end - self.period_paid_from).num_days().max(0);
        Ok(PaidPeriod {
            amount: Money::new(
                self.period_paid_minor,
                Currency::parse(&self.plan.currency)?,
            ),
            days: u32::try_from(days).unwrap_or(u32::MAX),
        })
    }

    /// Where `now` falls in the current period, in whole days.
    pub fn position(&self, now: DateTime<Utc>) -> PeriodPosition {
        let days = |a: DateTime<Utc>, b: DateTime<Utc>| {
            u32::try_from((b - a).num_days().max(0)).unwrap_or(u32::MAX)
        };
        let days_in_period = days(self.period_start, self.period_end).max(1);
        PeriodPosition {
            days_used: days(self.period_start, now).min(days_in_period),
            days_in_period,
        }
    }
}

/// A change order about to be written.
pub(crate) struct NewChange<'a> {
    pub kind: OrderKind,
    pub idempotency_key: &'a str,
    pub current: &'a Current,
    pub plan_id: i64,
    pub selection: &'a Selection,
    pub total_minor: i64,
    pub credit_minor: i64,
    pub currency: &'a str,
    pub actor: &'a Actor,
    /// What the order pays for the service up to the period's end, before tax: the subscription's
    /// paid amount from the moment the order was placed, once applied (None keeps it).
    pub period_paid_minor: Option<i64>,
    /// What the subscription renews for once the order is applied, per period, before tax and
    /// after a running coupon (None keeps it): its MRR follows.
    pub recurring_minor: Option<i64>,
}

/// Inserts a change order (`placed`) with its first event; returns its id and public token.
/// Refused with a conflict while another change of the same tenant is under way.
pub(crate) async fn insert_order(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    c: &NewChange<'_>,
) -> Result<(i64, String)> {
    let token = super::record::public_token();
    let selection = serde_json::to_string(c.selection).unwrap_or_else(|_| "{}".into());
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO orders (public_token, idempotency_key, customer_id, plan_id, tenant_id, storefront_id, instance_name, kind, status, \
         selection_json, total_minor, credit_minor, currency, period_paid_minor, created_at, updated_at, recurring_minor) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'placed', $9, $10, $11, $12, $13, $14, $14, $15) RETURNING id",
    )
    .bind(&token)
    .bind(c.idempotency_key)
    .bind(c.current.customer_id)
    .bind(c.plan_id)
    .bind(c.current.tenant_id)
    .bind(c.current.storefront_id)
    .bind(&c.current.instance_name)
    .bind(c.kind.as_str())
    .bind(&selection)
    .bind(c.total_minor)
    .bind(c.credit_minor)
    .bind(c.currency)
    .bind(c.period_paid_minor)
    .bind(ts(now))
    .bind(c.recurring_minor)
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| {
        if is_unique_violation(&e, "orders") {
            AppError::Conflict(
                "A change to this subscription is already under way; wait until it is done."
                    .into(),
            )
        } else {
            e.into()
        }
    })?;
    events::record_placed(conn, now, id, c.actor).await?;
    Ok((id, token))
}

/// The customer's credit balance in minor units (downgrades add to it, renewals draw on it).
pub async fn credit_balance(st: &AppState, customer_id: i64) -> Result<i64> {
    let (sum,): (Option<i64>,) = sqlx::query_as(
        "SELECT CAST(SUM(amount_minor) AS BIGINT) FROM customer_credits WHERE customer_id = $1",
    )
    .bind(customer_id)
    .fetch_one(&st.pool)
    .await?;
    Ok(sum.unwrap_or(0))
}
