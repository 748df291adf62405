//! The end of each paid period, run by the sweep: a renewal order for the next period (on the
//! plan's newest version, drawing on the customer's credit, paid with the stored card or by bank
//! transfer), or the end of a subscription cancelled at its period's end. A paid renewal is
//! charged, recorded, invoiced and applied in one transaction; several run at once.
use chrono::{DateTime, Utc};

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::apply;
use super::charge::{self, Bill};
use super::renew_batch;
use super::{insert_order, Current, NewChange};
use crate::backend::catalog::PlanRow;
use crate::backend::coupons;
use crate::backend::db::{ts, Engine};
use crate::backend::invoices::{self, NewInvoice};
use crate::backend::pricing::priced_plan;
use crate::backend::provisioning;
use crate::backend::state::AppState;
use crate::backend::{catalog::storefront_plans, dunning, subscription_state, tenants};
use crate::domain::order_flow::{OrderKind, OrderStatus};
use crate::domain::pricing::{draw_credit, renewal_quote, PricedPlan, Quote};
use crate::domain::tenant_state::TenantEvent;
use crate::domain::vat_id::TaxTreatment;
use crate::domain::Money;
use crate::domain::{Actor, SubscriptionEvent};
use crate::error::{AppError, Result};

/// Subscriptions read per pass; the sweep's next pass takes the rest.
const PAGE: i64 = 400;

/// Renewals one server runs at once on PostgreSQL, where each waits on the database more than
/// on the processor. SQLite writes one transaction at a time, and writers waiting for its lock
/// back off by sleeping: there, one at a time is faster (measured: bench/billing.sh).
fn at_once(engine: Engine) -> usize {
    match engine {
        Engine::Postgres => 4,
        Engine::Sqlite => 1,
    }
}

/// Places a renewal for every paid subscription whose period ended and ends those cancelled at
/// their period's end; returns how many it handled. Billing follows access: a tenant that is
/// suspended, archived or past due (its unpaid renewal is being dunned) is not renewed. A pass
/// renews a page of them, a few at once, pricing each plan and tax rate once per pass.
pub async fn run_due(st: &AppState) -> Result<usize> {
    let now = st.now();
    let due: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT s.tenant_id, s.cancel_at_period_end FROM subscriptions s JOIN tenants t ON t.id = s.tenant_id \
         WHERE s.status = 'active' AND t.state IN ('active', 'migrating') AND s.period_end <= $1 AND s.selection_json <> '{{}}' \
         AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.tenant_id = s.tenant_id AND {}) \
         AND NOT EXISTS (SELECT 1 FROM dunnings d WHERE d.tenant_id = s.tenant_id AND d.status = 'open') \
         ORDER BY s.period_end LIMIT {PAGE}",
        super::under_way("o.")
    ))
    .bind(ts(now))
    .fetch_all(&st.pool)
    .await?;
    let prices = Arc::new(Prices::default());
    // The common case in batches; the rest (and cancellations) one by one.
    let renewing: Vec<i64> = due
        .iter()
        .filter(|(_, c)| *c == 0)
        .map(|(t, _)| *t)
        .collect();
    let (mut done, left) = match renew_batch::renew_many(st, now, &renewing, &prices).await {
        Ok(found) => found,
        Err(e) => {
            tracing::error!(error = %e, "renewal batch failed; renewing one by one");
            (0, renewing)
        }
    };
    let mut one_by_one: Vec<(i64, i64)> = due.into_iter().filter(|(_, c)| *c != 0).collect();
    one_by_one.extend(left.into_iter().map(|t| (t, 0)));
    let queue = Arc::new(Mutex::new(one_by_one.into_iter()));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..at_once(st.engine) {
        let (st, queue, prices) = (st.clone(), queue.clone(), prices.clone());
        workers.spawn(async move {
            let mut done = 0;
            loop {
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                let Some((tenant_id, cancelling)) = next else {
                    return done;
                };
                let result = if cancelling == 1 {
                    end(&st, now, tenant_id).await
                } else {
                    renew(&st, now, tenant_id, &prices).await
                };
                match result {
                    Ok(()) => done += 1,
                    // Another server took it first.
                    Err(AppError::Conflict(_)) => {}
                    Err(e) => tracing::error!(tenant_id, error = %e, "renewal failed"),
                }
            }
        });
    }
    while let Some(finished) = workers.join_next().await {
        match finished {
            Ok(n) => done += n,
            Err(e) => tracing::error!(error = %e, "a renewal worker stopped"),
        }
    }
    Ok(done)
}

/// What a tax treatment depends on: the storefront (its seller's country), the customer's
/// country and VAT ID.
type TaxKey = (Option<i64>, String, String);

/// Plans and tax rates priced once per pass: many renewals share them.
#[derive(Default)]
pub(super) struct Prices {
    newest: Mutex<HashMap<(i64, String), Option<PlanRow>>>,
    priced: Mutex<HashMap<i64, PricedPlan>>,
    taxes: Mutex<HashMap<TaxKey, TaxTreatment>>,
}

fn held<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Prices {
    /// The newest version of a plan family a storefront sells, if it still sells one.
    pub(super) async fn newest(
        &self,
        st: &AppState,
        storefront_id: i64,
        family: &str,
    ) -> Option<PlanRow> {
        let key = (storefront_id, family.to_string());
        if let Some(found) = held(&self.newest).get(&key) {
            return found.clone();
        }
        let found = storefront_plans::plan(&st.pool, storefront_id, family)
            .await
            .ok();
        held(&self.newest).insert(key, found.clone());
        found
    }

    pub(super) async fn priced(&self, st: &AppState, plan: &PlanRow) -> Result<PricedPlan> {
        if let Some(found) = held(&self.priced).get(&plan.id) {
            return Ok(found.clone());
        }
        let found = priced_plan(&st.pool, plan).await?;
        held(&self.priced).insert(plan.id, found.clone());
        Ok(found)
    }

    pub(super) async fn tax(&self, st: &AppState, current: &Current) -> Result<TaxTreatment> {
        let vat_id = current
            .vat_id
            .as_ref()
            .map(|v| v.as_str().to_string())
            .unwrap_or_default();
        let key = (
            current.storefront_id,
            current.billing_country.clone(),
            vat_id,
        );
        if let Some(found) = held(&self.taxes).get(&key) {
            return Ok(*found);
        }
        let found = current.tax(st).await?;
        held(&self.taxes).insert(key, found);
        Ok(found)
    }
}

async fn renew(st: &AppState, now: DateTime<Utc>, tenant_id: i64, prices: &Prices) -> Result<()> {
    let current = Current::load(st, tenant_id).await?;
    let key = format!("renewal:{tenant_id}:{}", ts(current.period_end));
    let tax = prices.tax(st, &current).await?;
    let tax_bp = tax.basis_points;
    // A renewal bills the next period.
    let period = (
        current.period_end,
        crate::backend::orders::record::add_months(
            current.period_end,
            i64::from(current.selection.period_months),
        ),
    );
    let credit = super::credit_balance(st, current.customer_id).await?;
    // A coupon with periods left comes off before the credit is drawn, by the pricing code the
    // order was priced with.
    let coupon = coupons::for_renewal(&st.pool, tenant_id).await?;
    let price =
        |p: &PricedPlan| -> std::result::Result<(Quote, Money), crate::domain::DomainError> {
            let q = renewal_quote(p, &current.selection, tax_bp)?;
            let q = match &coupon {
                Some(c) => c.coupon.apply_to_renewal(q, c.periods_left, tax_bp)?,
                None => q,
            };
            draw_credit(q, tax_bp, credit)
        };
    // The newest version of the plan, when it still sells this configuration.
    let newest = match current.storefront_id {
        Some(sf) => prices.newest(st, sf, current.plan.family()).await,
        None => None,
    };
    let mut priced = None;
    if let Some(plan) = newest {
        let p = prices.priced(st, &plan).await?;
        if let Ok(q) = price(&p) {
            priced = Some((plan, q));
        }
    }
    let (plan, (quote, used)) = match priced {
        Some(found) => found,
        None => {
            let p = prices.priced(st, &current.plan).await?;
            let q = price(&p)?;
            (current.plan.clone(), q)
        }
    };
    let actor = Actor::Rule("renewal".into());
    let change = NewChange {
        kind: OrderKind::Renewal,
        idempotency_key: &key,
        current: &current,
        plan_id: plan.id,
        selection: &current.selection,
        total_minor: quote.total.minor,
        credit_minor: 0,
        currency: quote.total.currency.as_str(),
        actor: &actor,
        // The whole next period is paid for (less a coupon), whatever part of it credit covered.
        period_paid_minor: Some(quote.subtotal.minor + used.minor),
        recurring_minor: Some(quote.subtotal.minor + used.minor),
    };
    let bill = Bill {
        current: &current,
        quote: &quote,
        tax,
        period,
        description: format!("Renewal of {}", current.instance_name),
    };
    // Charged first under the period's key (a server that renews the same period at the same
    // time gets the same charge back), then recorded with the order in one transaction.
    let taken = if quote.total.is_zero() {
        None
    } else {
        Some(charge::take(st, &key, &bill).await?)
    };
    let recorded = async {
        let mut tx = crate::backend::db::begin(&st.pool).await?;
        // The period renewed is the one priced (an operator's extension meanwhile moved it on).
        current.ensure_unchanged(&mut tx).await?;
        let (order_id, _) = insert_order(&mut tx, now, &change).await?;
        if let Some(c) = &coupon {
            coupons::count_down(&mut tx, c.redemption_id).await?;
        }
        if !used.is_zero() {
            sqlx::query(
                "INSERT INTO customer_credits (customer_id, order_id, amount_minor, currency, note, created_at) \
                 VALUES ($1, $2, $3, $4, 'Used by a renewal', $5)",
            )
            .bind(current.customer_id)
            .bind(order_id)
            .bind(-used.minor)
            .bind(used.currency.as_str())
            .bind(ts(now))
            .execute(&mut *tx)
            .await?;
        }
        let mut dunned = false;
        let status = match &taken {
            Some(taken) => {
                let (status, invoice_id) =
                    charge::record(&mut tx, now, order_id, &bill, taken).await?;
                if let (Some(message), Some(code)) = (taken.declined(), taken.decline_code()) {
                    let storefront_id = current.storefront_id.ok_or(AppError::NotFound)?;
                    let declined = dunning::Unpaid {
                        invoice_id,
                        order_id,
                        tenant_id,
                        storefront_id,
                        cause: dunning::Cause::Declined { code, message },
                    };
                    dunning::start(&mut tx, now, declined).await?;
                    dunned = true;
                }
                status
            }
            None => {
                // Paid in full by credit: the invoice is issued paid.
                let storefront_id = current.storefront_id.ok_or(AppError::NotFound)?;
                let invoice = NewInvoice {
                    storefront_id,
                    customer_id: current.customer_id,
                    order_id,
                    quote: &quote,
                    tax,
                    period,
                    paid: true,
                    due_days: 0,
                    bill_to: &current.bill_to,
                };
                invoices::issue(&mut tx, now, invoice).await?;
                charge::nothing_to_pay(&mut tx, now, order_id).await?;
                OrderStatus::Provisioning
            }
        };
        // Paid: the next period is applied at once, in the same transaction (a renewal sets
        // nothing up); a renewal waiting for a transfer is applied by its job once approved.
        let status = if status == OrderStatus::Provisioning {
            let next = apply::NextPeriod {
                tenant_id,
                plan_id: plan.id,
                start: current.period_end,
                months: current.selection.period_months,
                paid_minor: change.period_paid_minor,
                recurring_minor: change.recurring_minor,
            };
            apply::renew_period(&mut tx, now, &next).await?;
            apply::complete(&mut tx, now, order_id).await?;
            OrderStatus::Completed
        } else {
            status
        };
        tx.commit().await?;
        Ok::<_, AppError>((order_id, status, dunned))
    }
    .await;
    match recorded {
        Ok((order_id, status, dunned)) => {
            provisioning::start_if_due(st, order_id, status);
            if dunned {
                dunning::mail::tell_failed_for_order(st, order_id).await;
            }
            Ok(())
        }
        Err(e) => {
            if let Some(taken) = &taken {
                charge::give_back_unless_recorded(st, &key, &bill, taken).await;
            }
            Err(e)
        }
    }
}

/// A subscription cancelled at its period's end: it ends and the instance is archived.
async fn end(st: &AppState, now: DateTime<Utc>, tenant_id: i64) -> Result<()> {
    let actor = Actor::job("renewal");
    let detail = "subscription cancelled at the end of its period";
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let event = SubscriptionEvent::PeriodEndedCancelled;
    match subscription_state::apply(&mut tx, now, tenant_id, &event, &actor, detail).await {
        Ok(_) => {}
        // No longer active: another server ended it first.
        Err(AppError::Invalid(_)) => return Err(AppError::Conflict("already ended".into())),
        Err(e) => return Err(e),
    }
    tenants::apply(
        &mut tx,
        now,
        tenant_id,
        &TenantEvent::Archive,
        &actor,
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
