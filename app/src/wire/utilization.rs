//! Resource utilization for the operator: per resource, the tenants nearest to their limits, and
//! per database server.
use serde::{Deserialize, Serialize};

/// One resource of the catalog across the live tenants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceUseView {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// Live tenants whose subscription includes some of it.
    pub tenants: i64,
    /// Units included across them.
    pub included: i64,
    /// `included` with its unit.
    pub included_text: String,
    /// What they use, as last measured: users, or storage in bytes (`None`: not measured).
    pub used: Option<i64>,
    /// `used` shown (`7.6 MB`, `12 users`, `not measured`).
    pub used_text: String,
    /// `used` in basis points of `included` (`None` when unknown or nothing is included).
    pub basis_points: Option<i64>,
}

/// A tenant near to or over one of its limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantUseView {
    /// Tenant id.
    pub tenant_id: i64,
    /// Instance name.
    pub name: String,
    /// Which resource (`Users`, `Storage`).
    pub resource: String,
    /// What it uses, shown.
    pub used_text: String,
    /// What it includes, shown.
    pub included_text: String,
    /// Used in basis points of included.
    pub basis_points: i64,
    /// Whether it uses more than included.
    pub over: bool,
}

/// One server holding tenants' databases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerUseView {
    /// Its id (`sqlite` for the instances' files on the platform's disk).
    pub id: String,
    /// `PostgreSQL` or `SQLite files`.
    pub engine: String,
    /// Tenants whose database is there (not terminated).
    pub tenants: i64,
    /// Their size as last measured, in bytes.
    pub size_bytes: i64,
    /// Their size, shown.
    pub size_text: String,
    /// The server's capacity, shown (`TENANTRY_DB_SERVER_CAPACITY_GB`).
    pub capacity_text: String,
    /// Size in basis points of the capacity.
    pub basis_points: i64,
}

/// The utilization report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UtilizationView {
    /// Live tenants.
    pub tenants: i64,
    /// Live tenants checked at least once (the others count as using nothing).
    pub measured: i64,
    /// Every resource of the catalog.
    pub resources: Vec<ResourceUseView>,
    /// The tenants using the largest share of their users or storage, largest first.
    pub nearest: Vec<TenantUseView>,
    /// Every database server.
    pub servers: Vec<ServerUseView>,
}

/// `used` in basis points (hundredths of a percent) of `of`, rounded down (`None` when `of` is
/// not positive); shown with [`crate::domain::format::percent`].
pub fn basis_points_of(used: i64, of: i64) -> Option<i64> {
    (of > 0).then(|| i64::try_from(i128::from(used) * 10_000 / i128::from(of)).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_exact_basis_points() {
        assert_eq!(basis_points_of(803, 1000), Some(8030));
        assert_eq!(basis_points_of(1, 3), Some(3333));
        assert_eq!(basis_points_of(5, 0), None);
    }
}
