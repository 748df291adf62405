//! Queuing provisioning jobs: when an order is due, and again for jobs whose server went away.
use super::job;
use crate::backend::db::ts;
use crate::backend::state::AppState;
use crate::domain::order_flow::OrderStatus;
use crate::error::Result;

/// Queues provisioning an order in the background and returns at once. A few jobs run at once
/// on each server (`TENANTRY_PROVISIONING_CONCURRENCY`); the rest wait for a free slot.
pub fn start(st: &AppState, order_id: i64) {
    let state = st.clone();
    st.jobs.spawn_queued(order_id, async move {
        if let Err(e) = job::run(&state, order_id).await {
            tracing::error!(order_id, error = %e, "provisioning job stopped");
        }
    });
}

/// Queues the order's provisioning when its status has reached provisioning (paid, free, or
/// approved); an order waiting for a payment, an operator or a confirmation stays where it is.
pub fn start_if_due(st: &AppState, order_id: i64, status: OrderStatus) {
    if status == OrderStatus::Provisioning {
        start(st, order_id);
    }
}

/// Starts provisioning again for orders whose job stopped (a server restart or crash): in
/// `provisioning` with no live lease. Returns how many were started.
pub async fn resume_stalled(st: &AppState) -> Result<usize> {
    let ids: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM orders WHERE status = 'provisioning' \
         AND (provision_lease_until IS NULL OR provision_lease_until < $1) ORDER BY id LIMIT 100",
    )
    .bind(ts(st.now()))
    .fetch_all(&st.pool)
    .await?;
    for (id,) in &ids {
        start(st, *id);
    }
    Ok(ids.len())
}
