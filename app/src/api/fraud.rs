//! The operator's fraud screening rules: read and save.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::fraud::FraudRulesView;

/// The rules in force.
#[server]
pub async fn fraud_rules() -> Result<FraudRulesView, AppError> {
    use crate::backend::{context, fraud_settings};
    context::as_operator(None, |st, _| async move {
        let rules = fraud_settings::current(&st).await?;
        Ok(FraudRulesView {
            per_email: rules.max_orders_per_email_per_day,
            per_ip: rules.max_orders_per_ip_per_day,
            domains: rules.disposable_domains.join("\n"),
            check_country: rules.check_country_mismatch,
            // The header is believed from trusted proxies only: without any, the check never fires.
            country_header: st
                .config
                .ip_country_header
                .clone()
                .filter(|_| !st.config.client_ip.trusted_proxies.is_empty()),
        })
    })
    .await
}

/// Saves the rules; new orders are screened with them at once.
#[server]
pub async fn save_fraud_rules(
    per_email: String,
    per_ip: String,
    domains: String,
    check_country: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::{context, fraud_settings};
    use crate::domain::fraud_edit::rules_from_form;
    context::as_operator(Some(("/operator/fraud", &[])), |st, operator| async move {
        let rules = rules_from_form(&per_email, &per_ip, &domains, check_country.is_some())?;
        fraud_settings::save(&st, &rules, &operator.email).await
    })
    .await
}
