//! The brand an instance's pages and mails wear: its storefront's.
use serde::{Deserialize, Serialize};

/// A storefront's brand as a tenant's users see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandView {
    /// The storefront's name ("Tenantry Cloud", a reseller's).
    pub name: String,
    /// Its logo's address (empty: the name alone).
    pub logo_url: String,
    /// Its accent colour, `#rrggbb`.
    pub color: String,
    /// Where its tenants write for help (empty: none shown).
    pub support_email: String,
}
