//! Ordering an instance: the name check, placing the order and following it.
pub mod detail;
pub mod queue;

use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::invoices::{InvoiceLineView, InvoiceView};
pub use crate::wire::orders::status::{OrderStatusView, ProgressStep, TimelineEntry};
pub use crate::wire::orders::{CountryOption, NameCheck, OrderForm, PlanOffer};

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
        let token = orders::place_order(&st, &form, &context::client(&st), "web")
            .await
            .map_err(|e| {
                orders::messages::localized(e, context::request_locale(), &form.instance_name)
            })?;
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
        ("form[vat_id]", form.vat_id.as_str()),
        ("form[period_months]", form.period_months.as_str()),
        ("form[extra_users]", form.extra_users.as_str()),
        ("form[payment_method]", form.payment_method.as_str()),
        ("form[offer]", form.offer.as_str()),
        ("form[coupon]", form.coupon.as_str()),
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
    let result = orders::order_status(&st, &token, context::request_locale()).await;
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
    use crate::backend::{catalog, catalog::storefront_plans, context, pricing};
    use crate::domain::countries;
    let result = async {
        let st = context::state()?;
        let sf = storefront_plans::by_code(&st.pool, &storefront).await?;
        let row = storefront_plans::plan(&st.pool, sf.id, &plan).await?;
        let priced = pricing::priced_plan(&st.pool, &row).await?;
        let billing = catalog::storefront_billing::read(&st.pool, sf.id).await?;
        let sold = pricing::countries(&st.pool).await?;
        let codes: Vec<String> = sold.iter().map(|(c, _)| c.clone()).collect();
        let accept_language = context::header(http::header::ACCEPT_LANGUAGE).unwrap_or_default();
        let locale = context::request_locale();
        Ok(PlanOffer {
            plan: row.view()?,
            priced,
            default_country: countries::suggested(&accept_language, &billing.form.country, &codes),
            countries: sold
                .into_iter()
                .map(|(code, tax_basis_points)| CountryOption {
                    name: countries::name(&code, locale),
                    code,
                    tax_basis_points,
                })
                .collect(),
            test_mode: billing.test_mode,
            bank_transfer: billing.bank().is_some(),
            today: st.now().date_naive(),
            storefront: storefront.trim().to_string(),
            storefront_name: sf.name.clone(),
            seller_country: billing.form.country.clone(),
            primary_color: storefront_plans::safe_color(&sf.primary_color),
            instance_suffix: st.config.instance_suffix(),
        })
    }
    .await;
    context::finish(result, None)
}

/// The invoice of an order, by the order's private token.
#[server]
pub async fn order_invoice(token: String) -> Result<InvoiceView, AppError> {
    use crate::backend::{context, invoices};
    let st = context::state()?;
    let result = invoices::document::for_order(&st.pool, &token, context::request_locale()).await;
    context::finish(result, None)
}
