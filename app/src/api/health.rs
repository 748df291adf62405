//! Tenant health, for operators: the counts and the tenants that need attention, one tenant's
//! checks, a check now, and the settings (how often, and the thresholds).
use leptos::prelude::*;

pub use crate::domain::health::HealthLevel;
use crate::error::AppError;
pub use crate::wire::health::{HealthSettingsView, HealthSummaryView, TenantHealthView};

/// Live tenants per level and the ones at warning or critical, newest problem first.
#[server]
pub async fn health_summary() -> Result<HealthSummaryView, AppError> {
    use crate::backend::{context, health};
    context::as_operator(None, |st, _| async move { health::summary(&st).await }).await
}

/// One tenant's level and its newest checks.
#[server]
pub async fn tenant_health(tenant_id: i64) -> Result<TenantHealthView, AppError> {
    use crate::backend::{context, health};
    context::as_operator(None, |st, _| async move {
        health::tenant_health(&st, tenant_id).await
    })
    .await
}

/// Checks one running tenant now; answers the level it is at.
#[server]
pub async fn check_tenant_health(tenant_id: i64) -> Result<HealthLevel, AppError> {
    use crate::backend::{context, health};
    let back = format!("/operator/tenants/{tenant_id}");
    context::as_operator(Some((&back, &[])), |st, operator| async move {
        health::check_now(&st, tenant_id, &operator.email).await
    })
    .await
}

/// The settings in force, with the last and next round.
#[server]
pub async fn health_settings() -> Result<HealthSettingsView, AppError> {
    use crate::backend::{context, health};
    context::as_operator(
        None,
        |st, _| async move { health::settings::view(&st).await },
    )
    .await
}

/// Saves the settings; a field that is wrong is named and nothing is saved.
#[server]
pub async fn save_health_settings(
    interval: String,
    storage_warning: String,
    storage_critical: String,
    inactive_days: String,
    failed_warning: String,
    failed_critical: String,
) -> Result<(), AppError> {
    use crate::backend::{context, health};
    use crate::domain::health::HealthSettings;
    context::as_operator(Some(("/operator/health", &[])), |st, operator| async move {
        let settings = HealthSettings::parse(
            &interval,
            &storage_warning,
            &storage_critical,
            &inactive_days,
            &failed_warning,
            &failed_critical,
        )
        .map_err(|e| AppError::from(e.error).in_field(e.field))?;
        health::settings::save(&st, &settings, &operator.email).await
    })
    .await
}
