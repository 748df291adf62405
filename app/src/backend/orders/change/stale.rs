//! Change orders left in `placed`: their request stopped between writing the order and paying
//! for it (orders written before order and payment were recorded together, or a server that
//! stopped mid-way). Once stale, the sweep cancels them, voiding any open invoice, so they no
//! longer block the tenant's next change or renewal.
use chrono::Duration;

use crate::backend::db::{begin, ts};
use crate::backend::orders::advance;
use crate::backend::state::AppState;
use crate::domain::order_flow::{FlowContext, OrderEvent};
use crate::domain::Actor;
use crate::error::Result;

/// How long a change may stay `placed` before the sweep cancels it.
pub const STALE_AFTER_MINUTES: i64 = 30;

/// Cancels stale placed change orders; returns how many.
pub async fn cancel_stale(st: &AppState) -> Result<usize> {
    let now = st.now();
    let stale: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM orders WHERE kind <> 'new_sale' AND status = 'placed' AND updated_at < $1 \
         ORDER BY id LIMIT 100",
    )
    .bind(ts(now - Duration::minutes(STALE_AFTER_MINUTES)))
    .fetch_all(&st.pool)
    .await?;
    let mut done = 0;
    for (order_id,) in stale {
        let mut tx = begin(&st.pool).await?;
        let cancel = OrderEvent::Cancel {
            reason: "never paid: the change stopped before its payment was taken".into(),
        };
        let ctx = FlowContext::default();
        let rule = Actor::Rule("stale_change".into());
        // Another server may have cancelled it first: its conflict is not an error here.
        if advance(&mut tx, now, order_id, &cancel, &ctx, &rule)
            .await
            .is_err()
        {
            continue;
        }
        sqlx::query("UPDATE invoices SET status = 'void' WHERE order_id = $1 AND status = 'open'")
            .bind(order_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        done += 1;
    }
    Ok(done)
}
