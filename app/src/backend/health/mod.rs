//! Tenant health: a job on every server that, when a round is due (the operator's interval),
//! checks each live instance a few at a time, each check under a timeout: is its database
//! reachable, how big is it, how many users, when was it last used (a member's login or a write),
//! how many of its jobs failed. Each check is a `health_checks` row; the tenant keeps its current
//! level, why and since when, and a change of level is a `health_changed` event in its history.
//! The dashboard reads the levels stored on the tenants, never the instances.
mod measure;
mod record;
mod round;
pub mod settings;
mod view;

pub use round::{check_now, run_due, spawn};
pub use view::{history, summary, tenant_health};

use crate::domain::TenantState;

/// The SQL list of the states whose instances are checked (`'trial', 'active', …`).
pub(crate) fn live_states_sql() -> String {
    TenantState::ALL
        .into_iter()
        .filter(|s| s.is_live())
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The actor of checks made by the job.
pub(crate) const JOB: &str = "health_check";
