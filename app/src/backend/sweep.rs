//! The periodic sweep every server runs: resume provisioning whose server went away, end
//! trials that are over, cancel change orders stuck before payment, renew (or end) subscriptions
//! whose period is over, retry unpaid renewals, dun overdue transfers and move unpaid tenants on (dunning), and forget
//! old login failures. Safe to run on several servers at once
//! (leases and conditional updates).
use super::dunning;
use super::orders::change::{renew, stale};
use super::orders::confirm_email;
use super::provisioning;
use super::state::AppState;
use super::trials;

/// One pass of the sweep; errors are logged, not returned, so the next pass still runs.
pub async fn run_once(st: &AppState) {
    match provisioning::resume_stalled(st).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(orders = n, "resumed provisioning"),
        Err(e) => tracing::error!(error = %e, "could not resume provisioning"),
    }
    match trials::end_expired(st).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(tenants = n, "ended free trials"),
        Err(e) => tracing::error!(error = %e, "could not end free trials"),
    }
    match confirm_email::release_expired(st).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(orders = n, "released trials never confirmed"),
        Err(e) => tracing::error!(error = %e, "could not release unconfirmed trials"),
    }
    match stale::cancel_stale(st).await {
        Ok(0) => {}
        Ok(n) => tracing::warn!(orders = n, "cancelled stale change orders"),
        Err(e) => tracing::error!(error = %e, "could not cancel stale change orders"),
    }
    match renew::run_due(st).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(subscriptions = n, "renewed or ended subscriptions"),
        Err(e) => tracing::error!(error = %e, "could not renew subscriptions"),
    }
    match dunning::retry::run_due(st).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(invoices = n, "retried unpaid renewals"),
        Err(e) => tracing::error!(error = %e, "could not retry unpaid renewals"),
    }
    match dunning::overdue::start_due(st).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(invoices = n, "opened dunning of overdue transfers"),
        Err(e) => tracing::error!(error = %e, "could not dun overdue transfers"),
    }
    match dunning::reminders::send_due(st).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(mails = n, "sent reminders before periods end"),
        Err(e) => tracing::error!(error = %e, "could not send reminders"),
    }
    match dunning::lifecycle::run_due(st).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(tenants = n, "moved unpaid tenants on"),
        Err(e) => tracing::error!(error = %e, "could not move unpaid tenants on"),
    }
    if let Err(e) = super::mrr::fold::run(&st.pool, st.now()).await {
        tracing::error!(error = %e, "could not fold the dashboard's monthly figures");
    }
    if let Err(e) = super::throttle::prune(&st.pool, st.now()).await {
        tracing::error!(error = %e, "could not prune login counters");
    }
}

/// Runs the sweep now and then at the configured interval, for as long as the process lives.
pub fn spawn(st: AppState) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(st.config.jobs.sweep_every);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            run_once(&st).await;
        }
    });
}
