//! The tenant admin's subscription in the portal: what runs today, a priced preview of a change
//! (plan, extra users, add-ons), the change order itself, and cancellation at the period's end.

use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::subscription::{
    ChangeForm, ChangeOrderView, ChangePreview, ConversionForm, PeriodChoice, PlanChoice,
    SubscriptionView,
};

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

/// Turns this instance's free trial into a paid subscription, paid by card; answers with the
/// order's page.
#[server]
pub async fn convert_trial(form: ConversionForm) -> Result<String, AppError> {
    use crate::backend::orders::change::convert;
    use crate::backend::{context, subscription};
    let result = async {
        let (st, tenant_id, email) = subscription::admin().await?;
        let token = convert::convert(&st, tenant_id, &form, &email).await?;
        leptos_axum::redirect(&format!("/orders/{token}"));
        Ok(token)
    }
    .await;
    let back = [
        ("form[choice]", form.choice.as_str()),
        ("form[extra_users]", form.extra_users.as_str()),
        ("form[billing_country]", form.billing_country.as_str()),
        ("form[billing_address]", form.billing_address.as_str()),
        ("form[vat_id]", form.vat_id.as_str()),
    ];
    context::finish(result, Some(("/portal/subscription", &back)))
}
