//! The operator's dashboard: tenants by state and the latest tenants.
use crate::domain::TenantState;
use serde::{Deserialize, Serialize};

/// Tenants in one state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateCount {
    /// The state.
    pub state: TenantState,
    /// How many tenants.
    pub count: i64,
}

/// One tenant in the operator's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantRowView {
    /// Tenant id.
    pub id: i64,
    /// Instance name.
    pub name: String,
    /// Instance address.
    pub url: String,
    /// Where the tenant is in its lifecycle.
    pub state: TenantState,
    /// Plan name.
    pub plan_name: String,
    /// Customer company.
    pub company: String,
    /// When it was ordered (UTC, minutes).
    pub created_at: String,
}

/// What the dashboard shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    /// Tenants neither failed nor archived.
    pub live_tenants: i64,
    /// Counts per state.
    pub by_state: Vec<StateCount>,
    /// Newest tenants first.
    pub tenants: Vec<TenantRowView>,
}
