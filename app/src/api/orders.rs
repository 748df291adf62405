//! Ordering an instance: the name check, placing the order and following it.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::api::catalog::PlanView;
use crate::domain::order_flow;
use crate::domain::pricing::PricedPlan;
use crate::domain::{InvoiceStatus, TenantState};
use crate::error::AppError;

/// The order form as submitted. Fields a trial does not use may be left out.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderForm {
    /// Plan code.
    pub plan: String,
    /// Storefront code (empty: the default storefront).
    #[serde(default)]
    pub storefront: String,
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
    /// Billing period in months (paid plans).
    #[serde(default)]
    pub period_months: String,
    /// Users beyond those included (paid plans).
    #[serde(default)]
    pub extra_users: String,
    /// Add-on code to quantity (a ticked box sends "1").
    #[serde(default)]
    pub addons: BTreeMap<String, String>,
    /// Two-letter billing country (paid plans).
    #[serde(default)]
    pub billing_country: String,
    /// Street, postal code and city, as printed on invoices (paid plans).
    #[serde(default)]
    pub billing_address: String,
    /// `card` or `bank_transfer` (paid plans).
    #[serde(default)]
    pub payment_method: String,
    /// Card number (never stored).
    #[serde(default)]
    pub card_number: String,
    /// Card expiry month.
    #[serde(default)]
    pub card_exp_month: String,
    /// Card expiry year.
    #[serde(default)]
    pub card_exp_year: String,
    /// Card security code (never stored).
    #[serde(default)]
    pub card_cvc: String,
    /// The total (minor units) the customer saw before ordering; empty skips the check.
    #[serde(default)]
    pub expected_total: String,
    /// `trial` or `paid` where the plan offers both (empty: the plan's only option, or paid).
    #[serde(default)]
    pub offer: String,
}

impl std::fmt::Debug for OrderForm {
    // Secrets stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OrderForm")
            .field("plan", &self.plan)
            .field("email", &self.email)
            .field("instance_name", &self.instance_name)
            .field("period_months", &self.period_months)
            .field("payment_method", &self.payment_method)
            .finish_non_exhaustive()
    }
}

/// What the order page needs to configure and price a plan in the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanOffer {
    /// The plan as listed.
    pub plan: PlanView,
    /// Its prices, for the same quote computation the server bills with.
    pub priced: PricedPlan,
    /// Countries sold to, with their tax rate in basis points.
    pub countries: Vec<(String, u32)>,
    /// The storefront selling it (code, empty for the default one).
    pub storefront: String,
    /// Its name.
    pub storefront_name: String,
    /// Its accent colour.
    pub primary_color: String,
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
    /// The workflow status (placed, awaiting_payment, awaiting_approval, provisioning, ...).
    pub status: order_flow::OrderStatus,
    /// Why it failed, when it did.
    pub failure_reason: Option<String>,
    /// Plan name.
    pub plan_name: String,
    /// Where the welcome mail went.
    pub email: String,
    /// The tenant's state (none for an order without a tenant).
    pub tenant_state: Option<TenantState>,
    /// How to pay an offline payment that is still open.
    pub payment_instructions: Option<String>,
    /// The order's invoice number, when it has one.
    pub invoice_number: Option<String>,
    /// Whether it starts a free trial.
    pub is_trial: bool,
    /// Whether the trial waits for its customer to confirm the email address.
    pub awaiting_email: bool,
    /// For an order that changes a running subscription, what it does ("Upgrade", "Renewal"...).
    pub change: Option<String>,
    /// What happened to the order, oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// The provisioning steps of the latest attempt (all `pending` before it starts).
    pub steps: Vec<ProgressStep>,
    /// Which provisioning attempt `steps` shows (0: none yet).
    pub attempt: i64,
}

impl OrderStatusView {
    /// Whether the order is still moving on its own, so its page should refresh itself.
    pub fn in_progress(&self) -> bool {
        self.status.moves_by_itself()
    }
}

/// One entry of an order's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// What happened.
    pub label: String,
    /// When (UTC, to the minute).
    pub at: String,
}

/// One provisioning step and how far it got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressStep {
    /// The step's name.
    pub label: String,
    /// pending, running, done, failed or rolled_back.
    pub state: String,
}

/// Checks whether an instance name is valid and free.
#[server]
pub async fn check_instance_name(name: String) -> Result<NameCheck, AppError> {
    use crate::backend::{context, orders};
    let st = context::state()?;
    orders::check_name(&st, &name).await
}

/// Places an order, then shows the order's page, where provisioning can be followed.
#[server]
pub async fn place_order(form: OrderForm) -> Result<String, AppError> {
    use crate::backend::{context, orders};
    let result = async {
        let st = context::state()?;
        // Storefront forms carry a fresh random key per view of the form.
        let token = orders::place_order(&st, &form, &context::client(&st), "web").await?;
        leptos_axum::redirect(&format!("/orders/{token}"));
        Ok(token)
    }
    .await;
    let back = if form.storefront.is_empty() {
        format!("/order/{}", form.plan)
    } else {
        format!("/s/{}/order/{}", form.storefront, form.plan)
    };
    // Everything typed comes back except secrets (password, card).
    let addon_keys: Vec<(String, &str)> = form
        .addons
        .iter()
        .map(|(code, qty)| (format!("form[addons][{code}]"), qty.as_str()))
        .collect();
    let mut keep = vec![
        ("form[company]", form.company.as_str()),
        ("form[contact_name]", form.contact_name.as_str()),
        ("form[email]", form.email.as_str()),
        ("form[instance_name]", form.instance_name.as_str()),
        ("form[billing_address]", form.billing_address.as_str()),
        ("form[billing_country]", form.billing_country.as_str()),
        ("form[period_months]", form.period_months.as_str()),
        ("form[extra_users]", form.extra_users.as_str()),
        ("form[payment_method]", form.payment_method.as_str()),
        ("form[offer]", form.offer.as_str()),
    ];
    keep.extend(addon_keys.iter().map(|(k, v)| (k.as_str(), *v)));
    keep.retain(|(_, v)| !v.is_empty());
    context::finish(result, Some((&back, &keep)))
}

/// An order's progress, by its private token.
#[server]
pub async fn order_status(token: String) -> Result<OrderStatusView, AppError> {
    use crate::backend::{context, orders};
    let st = context::state()?;
    let result = orders::order_status(&st, &token).await;
    if matches!(&result, Ok(view) if view.in_progress()) {
        // Without JavaScript the page reloads itself until the order settles.
        context::refresh_after(2);
    }
    context::finish(result, None)
}

/// Confirms a free trial's email address with the mailed code; the trial then starts, and the
/// browser goes on to the order's page.
#[server]
pub async fn confirm_trial_email(token: String, code: String) -> Result<(), AppError> {
    use crate::backend::{context, orders};
    let result = async {
        let st = context::state()?;
        orders::confirm_email::confirm(&st, &token, &code).await?;
        leptos_axum::redirect(&format!("/orders/{token}"));
        Ok(())
    }
    .await;
    let back = format!("/orders/{token}/confirm");
    context::finish(result, Some((&back, &[("code", code.as_str())])))
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

/// The plan as a storefront sells it, its prices and the countries sold to, for the configurator.
#[server]
pub async fn order_options(plan: String, storefront: String) -> Result<PlanOffer, AppError> {
    use crate::backend::{context, pricing, storefronts};
    let result = async {
        let st = context::state()?;
        let sf = storefronts::by_code(&st.pool, &storefront).await?;
        let row = storefronts::plan(&st.pool, sf.id, &plan).await?;
        let priced = pricing::priced_plan(&st.pool, &row).await?;
        let countries = pricing::countries(&st.pool).await?;
        Ok(PlanOffer {
            plan: row.view()?,
            priced,
            countries,
            storefront: storefront.trim().to_string(),
            storefront_name: sf.name.clone(),
            primary_color: storefronts::safe_color(&sf.primary_color),
        })
    }
    .await;
    context::finish(result, None)
}

/// One line of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLineView {
    /// What is billed.
    pub description: String,
    /// How many.
    pub quantity: i64,
    /// Price per unit, formatted.
    pub unit: String,
    /// Line amount, formatted.
    pub amount: String,
}

/// A printable invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceView {
    /// Seller (the storefront's name).
    pub seller: String,
    /// Invoice number, gapless per storefront.
    pub number: String,
    /// Whether it is still due.
    pub status: InvoiceStatus,
    /// Issue date (YYYY-MM-DD).
    pub issued_on: String,
    /// Due date.
    pub due_on: String,
    /// Payment date, once paid.
    pub paid_on: Option<String>,
    /// Customer company.
    pub company: String,
    /// Customer contact.
    pub contact_name: String,
    /// Customer email.
    pub email: String,
    /// The address billed, as it was when the invoice was issued.
    pub bill_to: String,
    /// The billed lines (tax included as its own line).
    pub lines: Vec<InvoiceLineView>,
    /// Before tax.
    pub subtotal: String,
    /// Tax, with its rate.
    pub tax: String,
    /// Tax rate, e.g. "20.00 %".
    pub tax_rate: String,
    /// To pay.
    pub total: String,
}

/// The invoice of an order, by the order's private token.
#[server]
pub async fn order_invoice(token: String) -> Result<InvoiceView, AppError> {
    use crate::backend::{context, invoices};
    let st = context::state()?;
    let result = invoices::view_for_order(&st.pool, &token).await;
    context::finish(result, None)
}
