//! User roles across the platform operator, tenants and their customers.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::DomainError;

/// What a user is allowed to do; serialized as `"operator"`, `"tenant_admin"`, etc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Staff of the platform operator, across all tenants.
    Operator,
    /// Administrator of one tenant.
    TenantAdmin,
    /// A tenant's delegated billing contact: the portal's billing pages only.
    TenantBilling,
    /// Regular staff member of one tenant.
    TenantUser,
    /// Customer of a tenant.
    Customer,
}

impl Role {
    /// All roles, from most to least privileged.
    pub const ALL: [Role; 5] = [
        Role::Operator,
        Role::TenantAdmin,
        Role::TenantBilling,
        Role::TenantUser,
        Role::Customer,
    ];

    /// Stable identifier used in storage and URLs.
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::TenantAdmin => "tenant_admin",
            Role::TenantBilling => "tenant_billing",
            Role::TenantUser => "tenant_user",
            Role::Customer => "customer",
        }
    }

    /// Human-readable name for the UI.
    pub const fn label(self) -> &'static str {
        match self {
            Role::Operator => "Operator",
            Role::TenantAdmin => "Administrator",
            Role::TenantBilling => "Billing",
            Role::TenantUser => "Team member",
            Role::Customer => "Customer",
        }
    }
}

impl Role {
    /// The roles a member of a tenant can hold, most privileged first.
    pub const MEMBER: [Role; 3] = [Role::TenantAdmin, Role::TenantBilling, Role::TenantUser];
    /// The roles that may see the portal's billing pages.
    pub const BILLING: [Role; 2] = [Role::TenantAdmin, Role::TenantBilling];

    /// Whether this is one of a tenant's roles.
    pub fn is_member(self) -> bool {
        Role::MEMBER.contains(&self)
    }

    /// The role the instance's own `users` table gives this member (`admin` or `user`); a
    /// billing contact does not use the instance.
    pub fn instance_role(self) -> Option<&'static str> {
        match self {
            Role::TenantAdmin => Some("admin"),
            Role::TenantUser => Some("user"),
            _ => None,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = DomainError;

    /// Parses the identifier returned by [`Role::as_str`] (exact match).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == s)
            .ok_or_else(|| DomainError::invalid(format!("\"{s}\" is not a known role")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_str_values() {
        assert_eq!(Role::Operator.as_str(), "operator");
        assert_eq!(Role::TenantAdmin.as_str(), "tenant_admin");
        assert_eq!(Role::TenantUser.as_str(), "tenant_user");
        assert_eq!(Role::Customer.as_str(), "customer");
        assert_eq!(Role::TenantAdmin.to_string(), "tenant_admin");
        assert_eq!(Role::TenantBilling.as_str(), "tenant_billing");
        assert!(Role::MEMBER.iter().all(|r| r.is_member()));
        assert!(!Role::Operator.is_member() && !Role::Customer.is_member());
        assert_eq!(Role::TenantBilling.instance_role(), None);
        assert_eq!(Role::TenantUser.instance_role(), Some("user"));
    }

    #[test]
    fn from_str_round_trips_and_rejects_unknown() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
            assert!(!role.label().is_empty());
        }
        for bad in ["", "Operator", "admin", "tenant-admin", " customer"] {
            assert_eq!(
                bad.parse::<Role>().unwrap_err().to_string(),
                format!("\"{bad}\" is not a known role")
            );
        }
    }

    #[test]
    fn serde_uses_as_str() {
        for role in Role::ALL {
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
            assert_eq!(serde_json::from_str::<Role>(&json).unwrap(), role);
        }
        assert!(serde_json::from_str::<Role>("\"root\"").is_err());
    }
}
