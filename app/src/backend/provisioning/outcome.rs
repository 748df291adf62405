//! Writing a provisioning run's outcome on tenant, order and subscription, and the welcome mail.
use std::fmt;
use std::sync::atomic::Ordering;

use super::job::Job;
use crate::backend::auth::{insert_user, NewUser};
use crate::backend::orders::events;
use crate::backend::provisioning::Step;
use crate::backend::state::AppState;
use crate::backend::{subscription_state, tenants};
use crate::domain::order_flow::{FlowContext, OrderEvent};
use crate::domain::tenant_state::TenantEvent;
use crate::domain::{Actor, Role, SubscriptionEvent};
use crate::error::{AppError, Result};
use crate::i18n::tr_args;

/// The job's name in tenant and subscription events (the order's own events say `system`).
const PROVISIONER: &str = "provisioner";

/// The step an attempt failed at, and why.
#[derive(Debug)]
pub(crate) struct Failure {
    pub step: Step,
    pub reason: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "step \u{201c}{}\u{201d} failed: {}",
            self.step.label(),
            self.reason
        )
    }
}

/// The last attempt failed (its database is already dropped): tenant, order and subscription
/// are marked failed and the name is free again until an operator retries.
pub(super) async fn failed(st: &AppState, job: &Job, failure: &Failure) -> Result<()> {
    let now = st.now();
    let detail = failure.to_string();
    let provisioner = Actor::job(PROVISIONER);
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let event = TenantEvent::ProvisioningFailed;
    tenants::apply(&mut tx, now, job.tenant_id, &event, &provisioner, &detail).await?;
    let event = SubscriptionEvent::ProvisioningFailed;
    subscription_state::apply(&mut tx, now, job.tenant_id, &event, &provisioner, &detail).await?;
    events::advance(
        &mut tx,
        now,
        job.order_id,
        &OrderEvent::ProvisioningFailed { reason: detail },
        &FlowContext::default(),
        &Actor::System,
    )
    .await?;
    sqlx::query(
        "UPDATE orders SET failure_reason = $1, provision_lease_until = NULL WHERE id = $2",
    )
    .bind(format!(
        "Setting up the instance failed at \u{201c}{}\u{201d}; nothing was kept. Our team has been notified and can retry it.",
        failure.step.label()
    ))
    .bind(job.order_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    notify_operator(st, job, failure).await;
    Ok(())
}

/// Tells the operator that an order waits in the queue with a failed provisioning.
async fn notify_operator(st: &AppState, job: &Job, failure: &Failure) {
    let body = format!(
        "Provisioning {} for {} ({}) failed after every attempt: {failure}.\n\nNothing was kept. Retry or reject the order at {}/operator/orders/{}\n",
        job.instance.as_str(),
        job.company,
        job.email.as_str(),
        st.config.storefront_url(),
        job.order_id
    );
    let subject = format!("Provisioning failed: {}", job.instance.as_str());
    if let Err(e) = st
        .mailer
        .send(
            &st.config.mail_from,
            &st.config.operator_email,
            &subject,
            body,
        )
        .await
    {
        tracing::error!(order_id = job.order_id, error = %e, "operator alert not sent");
    }
}

/// The instance is ready: the tenant goes live, its admin can log in, the order completes.
pub(super) async fn succeeded(st: &AppState, job: &Job) -> Result<()> {
    if let Some(left) = &st.config.outcome_fault {
        let fail = left
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok();
        if fail {
            tracing::warn!(
                order_id = job.order_id,
                "injected fault: outcome not recorded"
            );
            return Err(AppError::Internal);
        }
    }
    let now = st.now();
    let provisioner = Actor::job(PROVISIONER);
    let detail = "instance ready";
    let trial = job.is_trial;
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let event = TenantEvent::Provisioned { trial };
    tenants::apply(&mut tx, now, job.tenant_id, &event, &provisioner, detail).await?;
    let user = NewUser {
        email: &job.email,
        password_hash: job.password_hash(),
        full_name: &job.contact_name,
        role: Role::TenantAdmin,
        tenant_id: Some(job.tenant_id),
        customer_id: Some(job.customer_id),
    };
    insert_user(&mut tx, now, user).await?;
    let event = SubscriptionEvent::Provisioned { trial };
    subscription_state::apply(&mut tx, now, job.tenant_id, &event, &provisioner, detail).await?;
    events::advance(
        &mut tx,
        now,
        job.order_id,
        &OrderEvent::Provisioned,
        &FlowContext::default(),
        &Actor::System,
    )
    .await?;
    // Completing dropped the order's copy of the hash (it now lives with the admin user).
    sqlx::query(
        "UPDATE orders SET failure_reason = NULL, provision_lease_until = NULL WHERE id = $1",
    )
    .bind(job.order_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Greets the new admin in the order's language; a mail that cannot be sent is logged and noted
/// on the tenant.
pub(super) async fn send_welcome(st: &AppState, job: &Job) {
    let locale = job.locale;
    let url = st.config.instance_url(job.instance.as_str());
    let trial = if job.is_trial {
        let days = [("days", job.plan.trial_days.to_string())];
        format!("{}\n", tr_args(locale, "mail-welcome-trial", &days))
    } else {
        String::new()
    };
    let ready = [
        ("plan", job.plan.name.clone()),
        ("company", job.company.clone()),
    ];
    let login = [
        ("url", format!("{url}/login")),
        ("email", job.email.as_str().to_string()),
    ];
    let body = format!(
        "{}\n\n{}\n\n  {url}\n\n{}\n{trial}\n{}\n",
        tr_args(
            locale,
            "mail-hello-name",
            &[("name", job.contact_name.clone())]
        ),
        tr_args(locale, "mail-welcome-ready", &ready),
        tr_args(locale, "mail-welcome-login", &login),
        crate::backend::brand::signature_of_tenant(&st.pool, job.tenant_id, locale).await,
    );
    let subject = tr_args(
        locale,
        "mail-welcome-subject",
        &[("instance", job.instance.as_str().to_string())],
    );
    if let Err(e) = st
        .mailer
        .send(&st.config.mail_from, job.email.as_str(), &subject, body)
        .await
    {
        tracing::error!(tenant_id = job.tenant_id, error = %e, "welcome mail not sent");
        if let Ok(mut conn) = st.pool.acquire().await {
            let _ = tenants::record_note(
                &mut conn,
                st.now(),
                job.tenant_id,
                "welcome_mail_failed",
                &Actor::job(PROVISIONER),
                &e.to_string(),
            )
            .await;
        }
    }
}
