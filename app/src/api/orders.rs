//! Ordering an instance: the name check, placing the order and following it.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The order form as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderForm {
    /// Plan code.
    pub plan: String,
    /// Company name.
    pub company: String,
    /// Contact person.
    pub contact_name: String,
    /// Contact email; becomes the instance admin's login.
    pub email: String,
    /// The admin's password.
    pub password: String,
    /// The chosen instance name.
    pub instance_name: String,
    /// A random key per form view, so a double submission places one order.
    pub idempotency_key: String,
}

/// The answer of the instance-name check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameCheck {
    /// The name as it would be stored.
    pub name: String,
    /// Whether it can be ordered.
    pub available: bool,
    /// What to tell the customer.
    pub message: String,
    /// The instance's address.
    pub url: String,
}

/// Where an order stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderStatusView {
    /// Instance name ordered.
    pub instance_name: String,
    /// Its address.
    pub instance_url: String,
    /// placed, provisioning, completed or failed.
    pub status: String,
    /// Why it failed, when it did.
    pub failure_reason: Option<String>,
    /// Plan name.
    pub plan_name: String,
    /// Where the welcome mail went.
    pub email: String,
    /// The tenant's state.
    pub tenant_state: String,
}

/// Checks whether an instance name is valid and free.
#[server]
pub async fn check_instance_name(name: String) -> Result<NameCheck, AppError> {
    use crate::backend::{context, orders};
    let st = context::state()?;
    orders::check_name(&st, &name).await
}

/// Places an order and provisions the instance, then shows the order's page.
#[server]
pub async fn place_order(form: OrderForm) -> Result<String, AppError> {
    use crate::backend::{context, orders};
    let result = async {
        let st = context::state()?;
        let token = orders::place_order(&st, &form).await?;
        leptos_axum::redirect(&format!("/orders/{token}"));
        Ok(token)
    }
    .await;
    let back = format!("/order/{}", form.plan);
    let keep = [
        ("form[company]", form.company.as_str()),
        ("form[contact_name]", form.contact_name.as_str()),
        ("form[email]", form.email.as_str()),
        ("form[instance_name]", form.instance_name.as_str()),
    ];
    context::finish(result, Some((&back, &keep)))
}

/// An order's progress, by its private token.
#[server]
pub async fn order_status(token: String) -> Result<OrderStatusView, AppError> {
    use crate::backend::{context, orders};
    let st = context::state()?;
    let result = orders::order_status(&st, &token).await;
    context::finish(result, None)
}

/// A fresh random key for one view of the order form (its idempotency key).
#[server]
pub async fn new_form_key() -> Result<String, AppError> {
    use rand::{distributions::Alphanumeric, Rng};
    Ok(rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(32)
        .map(char::from)
        .collect())
}
