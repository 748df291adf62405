//! Renewals paid by bank transfer: the renewal's invoice waits for the money until its due date;
//! once that passes unpaid, the sweep opens its dunning (no card to try again), the tenant runs on
//! past due, and the grace period, suspension and archiving follow as for a declined card. The
//! dunning is keyed by its invoice, so on several servers it opens once.
use super::{mail, start, Cause, Unpaid};
use crate::backend::db::ts;
use crate::backend::state::AppState;
use crate::error::{AppError, Result};

#[derive(sqlx::FromRow)]
struct Due {
    invoice_id: i64,
    order_id: i64,
    tenant_id: i64,
    storefront_id: i64,
}

/// Opens the dunning of every renewal invoice past its due date; returns how many it opened.
pub async fn start_due(st: &AppState) -> Result<usize> {
    let now = st.now();
    let mut opened = 0;
    let mut after = 0;
    loop {
        let due: Vec<Due> = sqlx::query_as(
            "SELECT i.id AS invoice_id, i.order_id, o.tenant_id, i.storefront_id FROM invoices i \
             JOIN orders o ON o.id = i.order_id JOIN tenants t ON t.id = o.tenant_id \
             WHERE i.status = 'open' AND i.due_at <= $1 AND o.kind = 'renewal' \
             AND t.state IN ('active', 'migrating') AND i.id > $2 \
             AND NOT EXISTS (SELECT 1 FROM dunnings d WHERE d.invoice_id = i.id) \
             ORDER BY i.id LIMIT $3",
        )
        .bind(ts(now))
        .bind(after)
        .bind(st.config.jobs.sweep_page)
        .fetch_all(&st.pool)
        .await?;
        let full = due.len() as i64 == st.config.jobs.sweep_page;
        for d in due {
            after = d.invoice_id;
            match open(st, &d).await {
                Ok(()) => {
                    opened += 1;
                    mail::tell_overdue(st, d.invoice_id).await;
                }
                // Another server opened it first, or the tenant moved meanwhile.
                Err(AppError::Conflict(_) | AppError::Invalid(_)) => {}
                Err(e) => {
                    tracing::error!(invoice_id = d.invoice_id, error = %e, "overdue invoice not dunned")
                }
            }
        }
        if !full {
            return Ok(opened);
        }
    }
}

async fn open(st: &AppState, d: &Due) -> Result<()> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let unpaid = Unpaid {
        invoice_id: d.invoice_id,
        order_id: d.order_id,
        tenant_id: d.tenant_id,
        storefront_id: d.storefront_id,
        cause: Cause::Overdue,
    };
    start(&mut tx, st.now(), unpaid).await?;
    tx.commit().await?;
    Ok(())
}
