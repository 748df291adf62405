//! The portal's overview: the instance, its users and its licence.
use crate::domain::TenantState;
use serde::{Deserialize, Serialize};

/// A user of the instance itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceUserView {
    /// Email.
    pub email: String,
    /// Name.
    pub full_name: String,
    /// admin or user.
    pub role: String,
}

/// The portal's overview of one instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalView {
    /// Instance name.
    pub name: String,
    /// Instance address.
    pub instance_url: String,
    /// Where another subscription (another plan, a new instance) is ordered: the storefront the
    /// tenant bought from.
    pub order_more_url: String,
    /// Customer company.
    pub company: String,
    /// Where the tenant is in its lifecycle.
    pub state: TenantState,
    /// Plan name.
    pub plan_name: String,
    /// Plan price.
    pub price_label: String,
    /// Users included in the licence.
    pub included_users: i64,
    /// Trial end date (YYYY-MM-DD) while on trial.
    pub trial_ends_at: Option<String>,
    /// The instance's first users (the Users page lists them all).
    pub users: Vec<InstanceUserView>,
    /// How many users the instance has.
    pub user_count: i64,
    /// Installed modules.
    pub modules: Vec<String>,
}

/// What `/portal` shows: the instance's portal on an instance's own address, else a form that asks
/// which instance (the storefront's address has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PortalLanding {
    /// This address is an instance's: its portal.
    Instance,
    /// The storefront's address: ask for the instance's name.
    Finder {
        /// What follows the name in an instance's address (`.example.com`).
        suffix: String,
        /// Why the name asked for leads nowhere.
        error: Option<String>,
        /// The name asked for, to refill the form.
        asked: String,
        /// The portal's address of the instance asked for, when there is one by that name.
        found: Option<String>,
    },
}
