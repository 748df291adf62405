//! Recording a batch of renewals in one transaction: orders (completed, with the workflow's
//! status changes as events), invoices, lines, payments and the next periods.
use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::invoices::invoices;
use super::rows::{ids, marks, run, P};
use super::Ready;
use crate::backend::db::ts;
use crate::backend::invoices::line_kind;
use crate::backend::payments;
use crate::backend::state::AppState;
use crate::domain::order_flow::{next, FlowContext, OrderEvent, OrderStatus};
use crate::domain::payment::{PaymentGateway, PaymentStatus};
use crate::domain::Actor;
use crate::error::{AppError, Result};

/// One status change of an order, to record as its event.
struct Step {
    event: String,
    from: Option<OrderStatus>,
    to: OrderStatus,
    actor: Actor,
    detail: String,
}

/// The status changes of a renewal paid by card, as the order workflow decides them.
fn workflow() -> Result<Vec<Step>> {
    let paid = FlowContext {
        payment_required: true,
        flagged: false,
        payment_captured: true,
    };
    let mut out = vec![Step {
        event: "placed".into(),
        from: None,
        to: OrderStatus::Placed,
        actor: Actor::Rule("renewal".into()),
        detail: "order placed".into(),
    }];
    let steps = [
        (
            OrderEvent::Screened { flagged: false },
            paid,
            Actor::Rule("existing_customer".into()),
        ),
        (OrderEvent::PaymentCaptured, paid, Actor::System),
        (
            OrderEvent::Provisioned,
            FlowContext::default(),
            Actor::System,
        ),
    ];
    let mut at = OrderStatus::Placed;
    for (event, ctx, actor) in steps {
        let to = next(at, &event, &ctx)?;
        out.push(Step {
            event: event.as_str().to_string(),
            from: Some(at),
            to,
            actor,
            detail: event.reason().unwrap_or_default().to_string(),
        });
        at = to;
    }
    if at != OrderStatus::Completed {
        return Err(AppError::Internal);
    }
    Ok(out)
}

/// Records one batch in one transaction; all or nothing.
pub(super) async fn record(st: &AppState, now: DateTime<Utc>, batch: &[Ready]) -> Result<()> {
    let steps = workflow()?;
    let stamp = ts(now);
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    // The orders, completed; one another server recorded first is skipped (it holds this very
    // charge: the key is the same).
    let mut params = Vec::new();
    for r in batch {
        let c = &r.current;
        params.extend([
            P::T(r.token.clone()),
            P::T(r.key.clone()),
            P::I(c.customer_id),
            P::I(r.plan.id),
            P::I(c.tenant_id),
            c.storefront_id.map_or(P::N, P::I),
            P::T(c.instance_name.clone()),
            P::T("renewal".into()),
            P::T(OrderStatus::Completed.as_str().into()),
            P::T(serde_json::to_string(&c.selection).unwrap_or_else(|_| "{}".into())),
            P::I(r.quote.total.minor),
            P::I(0),
            P::T(r.quote.total.currency.as_str().into()),
            P::I(r.quote.subtotal.minor),
            P::T(stamp.clone()),
            P::T(stamp.clone()),
            P::I(r.quote.subtotal.minor),
        ]);
    }
    let rows = run(
        &mut tx,
        &format!(
            "INSERT INTO orders (public_token, idempotency_key, customer_id, plan_id, tenant_id, storefront_id, \
             instance_name, kind, status, selection_json, total_minor, credit_minor, currency, period_paid_minor, \
             created_at, updated_at, recurring_minor) VALUES {} ON CONFLICT DO NOTHING RETURNING id, idempotency_key",
            marks(st.engine, batch.len(), 17)
        ),
        params,
    )
    .await?;
    let mut order_of: HashMap<String, i64> = HashMap::new();
    for row in rows {
        use sqlx::Row;
        order_of.insert(row.try_get::<String, _>(1)?, row.try_get::<i64, _>(0)?);
    }
    let batch: Vec<(&Ready, i64)> = batch
        .iter()
        .filter_map(|r| order_of.get(&r.key).map(|id| (r, *id)))
        .collect();
    if batch.is_empty() {
        tx.commit().await?;
        return Ok(());
    }
    // Each order's status changes.
    let mut params = Vec::new();
    for (_, order_id) in &batch {
        for s in &steps {
            params.extend([
                P::I(*order_id),
                P::T(s.event.clone()),
                s.from.map_or(P::N, |f| P::T(f.as_str().into())),
                P::T(s.to.as_str().into()),
                P::T(s.actor.to_string()),
                P::T(s.detail.clone()),
                P::T(stamp.clone()),
            ]);
        }
    }
    run(
        &mut tx,
        &format!(
            "INSERT INTO order_events (order_id, event, from_status, to_status, actor, detail, created_at) VALUES {}",
            marks(st.engine, batch.len() * steps.len(), 7)
        ),
        params,
    )
    .await?;
    let invoices = invoices(&mut tx, st.engine, &stamp, &batch).await?;
    // The payments and the invoices' lines.
    let gateway = payments::card_gateway(st).name();
    let mut params = Vec::new();
    let mut lines = Vec::new();
    let mut line_count = 0;
    for ((r, order_id), invoice_id) in batch.iter().zip(&invoices) {
        params.extend([
            P::I(*order_id),
            P::I(*invoice_id),
            P::T(gateway.into()),
            P::T(r.reference.clone()),
            P::T(r.charge_key.clone()),
            P::I(r.quote.total.minor),
            P::T(r.quote.total.currency.as_str().into()),
            P::T(PaymentStatus::Captured.as_str().into()),
            P::T(String::new()),
            P::T(stamp.clone()),
            P::T(stamp.clone()),
        ]);
        let (from, to) = (ts(r.period.0), ts(r.period.1));
        for l in &r.quote.lines {
            let (start, end) = if l.kind.is_setup() {
                (stamp.clone(), stamp.clone())
            } else {
                (from.clone(), to.clone())
            };
            lines.extend([
                P::I(*invoice_id),
                P::T(line_kind(l.kind).into()),
                P::T(l.description.clone()),
                P::I(i64::from(l.quantity)),
                P::I(l.unit_price.minor),
                P::I(l.amount.minor),
                P::T(start),
                P::T(end),
            ]);
            line_count += 1;
        }
    }
    run(
        &mut tx,
        &format!(
            "INSERT INTO payments (order_id, invoice_id, gateway, reference, idempotency_key, amount_minor, currency, \
             status, detail, created_at, updated_at) VALUES {}",
            marks(st.engine, batch.len(), 11)
        ),
        params,
    )
    .await?;
    if line_count > 0 {
        run(
            &mut tx,
            &format!(
                "INSERT INTO invoice_lines (invoice_id, kind, description, quantity, unit_minor, amount_minor, \
                 period_from, period_to) VALUES {}",
                marks(st.engine, line_count, 8)
            ),
            lines,
        )
        .await?;
    }
    periods(&mut tx, now, &batch).await?;
    tx.commit().await?;
    Ok(())
}

/// Moves each subscription into its renewed period, in groups that share it; a subscription
/// that changed since it was priced fails the whole batch (it is renewed one by one).
async fn periods(
    tx: &mut sqlx::AnyConnection,
    now: DateTime<Utc>,
    batch: &[(&Ready, i64)],
) -> Result<()> {
    let mut groups: HashMap<(String, String, i64, i64), Vec<i64>> = HashMap::new();
    for (r, _) in batch {
        groups
            .entry((
                ts(r.period.0),
                ts(r.period.1),
                r.plan.id,
                r.quote.subtotal.minor,
            ))
            .or_default()
            .push(r.current.tenant_id);
    }
    for ((start, end, plan_id, paid), tenants) in groups {
        let list = ids(tenants.iter().copied());
        // Those whose price changes (a new plan version, a discount ended): their MRR follows.
        let repriced: Vec<(i64,)> = sqlx::query_as(&format!(
            "SELECT tenant_id FROM subscriptions WHERE recurring_minor <> $1 AND tenant_id IN ({list})"
        ))
        .bind(paid)
        .fetch_all(&mut *tx)
        .await?;
        let moved = sqlx::query(&format!(
            "UPDATE subscriptions SET plan_id = $1, period_start = $2, period_end = $3, period_paid_minor = $4, \
             period_paid_from = $2, recurring_minor = $4 WHERE period_end = $2 AND status = 'active' AND tenant_id IN ({list})"
        ))
        .bind(plan_id)
        .bind(&start)
        .bind(&end)
        .bind(paid)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if moved != tenants.len() as u64 {
            return Err(AppError::Conflict(
                "a subscription changed since it was priced".into(),
            ));
        }
        sqlx::query(&format!(
            "UPDATE tenants SET plan_id = $1 WHERE id IN ({list})"
        ))
        .bind(plan_id)
        .execute(&mut *tx)
        .await?;
        for (tenant_id,) in repriced {
            crate::backend::mrr::sync(&mut *tx, now, tenant_id).await?;
        }
    }
    Ok(())
}
