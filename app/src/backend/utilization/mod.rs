//! Resource utilization across the fleet: per resource of the catalog, what the live tenants use
//! against what their subscriptions include, the tenants nearest to or over a limit, and per
//! database server its tenants, their size and the share of the server's capacity. Read from the
//! measurements the health checks store on each tenant, so the report never opens an instance
//! and stays one pass over the tenants table.
mod allowances;
mod capacity;
mod report;

pub use allowances::{selection_of, Allowances, Resource};
pub use capacity::{DbCapacity, DEFAULT_CAPACITY_GB};
pub use report::report;
