//! Orders as the API takes and shows them.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::order_flow::{OrderKind, OrderStatus};

/// An order and where it is in its workflow.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Order {
    pub id: i64,
    /// The order's public token (its page is `/orders/<token>`).
    pub token: String,
    /// What the order does (a new sale, a change, a renewal...).
    pub kind: OrderKind,
    pub status: OrderStatus,
    pub instance_name: String,
    /// Where the instance answers once it is ready.
    pub instance_url: String,
    /// The plan's code.
    pub plan: String,
    pub total_minor: i64,
    /// ISO 4217.
    pub currency: String,
    /// The order's latest invoice, once there is one.
    pub invoice_number: Option<String>,
    /// UTC, RFC 3339.
    pub created_at: String,
}

/// `POST /orders`: the storefront's order form as JSON. A field it does not know is refused, so
/// a misspelt option is not silently ignored.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrder {
    /// The plan's code.
    #[schema(min_length = 1)]
    pub plan: String,
    /// The storefront's code (as in `/s/<code>`); default the main storefront.
    #[serde(default)]
    pub storefront: Option<String>,
    #[schema(min_length = 1, max_length = 200)]
    pub company: String,
    #[schema(min_length = 1, max_length = 200)]
    pub contact_name: String,
    #[schema(format = "email", max_length = 254)]
    pub email: String,
    /// The instance admin's password.
    #[schema(min_length = 10)]
    pub password: String,
    #[schema(pattern = "^[a-z0-9-]{3,63}$")]
    pub instance_name: String,
    #[serde(default)]
    #[schema(minimum = 1)]
    pub period_months: Option<u32>,
    #[serde(default)]
    pub extra_users: Option<u32>,
    /// Add-on code to quantity.
    #[serde(default)]
    pub addons: BTreeMap<String, u32>,
    #[serde(default)]
    #[schema(pattern = "^[A-Z]{2}$")]
    pub billing_country: Option<String>,
    /// Street, postal code and city; required for paid orders, printed on the invoice.
    #[serde(default)]
    #[schema(max_length = 500)]
    pub billing_address: Option<String>,
    /// The business's EU VAT ID (optional): one of another member state than the seller's is
    /// billed 0 % under reverse charge; an invalid one is refused.
    #[serde(default)]
    #[schema(max_length = 20)]
    pub vat_id: Option<String>,
    /// `card` or `bank_transfer`.
    #[serde(default)]
    #[schema(pattern = "^(card|bank_transfer)$")]
    pub payment_method: Option<String>,
    #[serde(default)]
    pub card: Option<NewOrderCard>,
    /// `paid` or `trial`, where the plan offers both; default paid. Trials need no payment fields.
    #[serde(default)]
    #[schema(pattern = "^(paid|trial)$")]
    pub offer: Option<String>,
    /// The total the client showed its user, in minor units; the order is refused (422) if the
    /// server's total differs.
    #[serde(default)]
    pub expected_total_minor: Option<i64>,
    /// A coupon code (paid orders; letters are upper-cased): its discount comes off the subtotal
    /// before tax. One that is unknown, expired, used up or for another plan, storefront or
    /// currency is refused (422, `field` = `coupon`) and nothing is charged.
    #[serde(default)]
    #[schema(pattern = "^[A-Za-z0-9-]{3,32}$")]
    pub coupon: Option<String>,
}

/// A card as the API takes it (never stored).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrderCard {
    pub number: String,
    pub exp_month: u32,
    pub exp_year: u32,
    pub cvc: String,
}

/// `POST /orders/{id}/reject`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Rejection {
    /// Shown to the customer.
    #[schema(min_length = 1)]
    pub reason: String,
}
