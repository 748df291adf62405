//! The tenant admin's subscription in the portal: what runs today, a priced preview of a change
//! (plan, extra users, add-ons), the change order itself, and cancellation at the period's end.
use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::order_flow::OrderStatus;
use crate::domain::pricing::QuoteLine;
use crate::domain::SubscriptionState;
use crate::error::AppError;

/// A change as the portal's form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeForm {
    /// Plan code (the current plan's code keeps the subscription on its version).
    pub plan: String,
    /// Users beyond those the plan includes.
    #[serde(default)]
    pub extra_users: String,
    /// Add-on code to quantity (a ticked box sends "1").
    #[serde(default)]
    pub addons: BTreeMap<String, String>,
    /// The total (minor units) shown in the preview, when confirming.
    #[serde(default)]
    pub expected_total: String,
    /// One key per confirmation, so a double submission orders once.
    #[serde(default)]
    pub idempotency_key: String,
}

/// A plan the subscription can move to, with its add-ons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanChoice {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Add-ons as (code, name).
    pub addons: Vec<(String, String)>,
}

/// A change order of this subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeOrderView {
    /// Public token (links to the order's page).
    pub token: String,
    /// Kind label.
    pub kind: String,
    /// Workflow status.
    pub status: OrderStatus,
    /// Amount due, formatted.
    pub total: String,
    /// Day placed.
    pub placed: String,
}

/// The subscription as the portal shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionView {
    /// Plan name.
    pub plan_name: String,
    /// Plan code without version.
    pub plan_code: String,
    /// Where the subscription is in its lifecycle.
    pub status: SubscriptionState,
    /// First day of the current period.
    pub period_start: String,
    /// Day the period ends (and renews or ends).
    pub period_end: String,
    /// Billing period in months.
    pub period_months: u32,
    /// The next renewal's price, taxed (empty while nothing is billed).
    pub renewal_price: String,
    /// Whether the subscription ends at the end of its period.
    pub ending: bool,
    /// The stored card, or "Bank transfer".
    pub payment_method: String,
    /// Credit for coming renewals, formatted.
    pub credit: String,
    /// Extra users today.
    pub extra_users: u32,
    /// Add-on codes today with quantities.
    pub addons: Vec<(String, u32)>,
    /// Plans it can move to (the current one first).
    pub plans: Vec<PlanChoice>,
    /// Its change orders, newest first.
    pub orders: Vec<ChangeOrderView>,
}

/// The priced preview of a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangePreview {
    /// Upgrade, downgrade or add-on.
    pub kind: String,
    /// Lines: credit, new configuration for the rest of the period, setup fees, tax.
    pub lines: Vec<QuoteLine>,
    /// Due now (or credited when negative), in minor units.
    pub total_minor: i64,
    /// The same, formatted.
    pub total: String,
    /// Each renewal after the change, formatted.
    pub renewal: String,
}

/// The subscription of this host's instance, for its admin.
#[server]
pub async fn subscription_overview() -> Result<SubscriptionView, AppError> {
    use crate::backend::{context, subscription};
    let result = async {
        let (st, tenant_id, _) = subscription::admin().await?;
        subscription::view(&st, tenant_id).await
    }
    .await;
    context::finish(result, None)
}

/// Prices a change without ordering it.
#[server]
pub async fn preview_subscription_change(form: ChangeForm) -> Result<ChangePreview, AppError> {
    use crate::backend::{context, subscription};
    let result = async {
        let (st, tenant_id, _) = subscription::admin().await?;
        subscription::preview(&st, tenant_id, &form).await
    }
    .await;
    context::finish(result, None)
}

/// Orders the change previewed; answers with the order's page.
#[server]
pub async fn change_subscription(form: ChangeForm) -> Result<String, AppError> {
    use crate::backend::{context, subscription};
    let result = async {
        let (st, tenant_id, email) = subscription::admin().await?;
        let token = subscription::change(&st, tenant_id, &form, &email).await?;
        leptos_axum::redirect(&format!("/orders/{token}"));
        Ok(token)
    }
    .await;
    let back = subscription::back_fields(&form);
    let fields: Vec<(&str, &str)> = back.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    context::finish(result, Some(("/portal/subscription", &fields)))
}

/// Ends the subscription at the end of its current period.
#[server]
pub async fn cancel_subscription(idempotency_key: String) -> Result<String, AppError> {
    use crate::backend::orders::change;
    use crate::backend::{context, subscription};
    let result = async {
        let (st, tenant_id, email) = subscription::admin().await?;
        let token = change::cancel(&st, tenant_id, &idempotency_key, &email).await?;
        leptos_axum::redirect(&format!("/orders/{token}"));
        Ok(token)
    }
    .await;
    context::finish(result, Some(("/portal/subscription", &[])))
}
