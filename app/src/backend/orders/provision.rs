//! Provisioning an order's instance and recording the outcome on tenant, order and subscription.
use super::events;
use super::record::Recorded;
use super::validate::ValidOrder;
use crate::backend::auth::{insert_user, NewUser};
use crate::backend::catalog::PlanRow;
use crate::backend::provisioning::{choose_target, provision_database, InstanceAdmin};
use crate::backend::state::AppState;
use crate::backend::tenants;
use crate::domain::order_flow::{Actor, FlowContext, OrderEvent};
use crate::domain::tenant_state::TenantEvent;
use crate::domain::Role;
use crate::domain::{Email, InstanceName};
use crate::error::{AppError, Result};

/// Who the instance is for: enough to create its admin and greet them.
pub(super) struct Applicant {
    pub email: Email,
    pub contact_name: String,
    pub company: String,
    pub instance: InstanceName,
}

impl From<&ValidOrder> for Applicant {
    fn from(o: &ValidOrder) -> Self {
        Applicant {
            email: o.email.clone(),
            contact_name: o.contact_name.clone(),
            company: o.company.clone(),
            instance: o.instance.clone(),
        }
    }
}

/// Creates the instance; on failure marks tenant, order and subscription failed (the instance's
/// database is already dropped). Returns whether the instance is ready.
pub(super) async fn provision(
    st: &AppState,
    order: &Applicant,
    plan: &PlanRow,
    rec: &Recorded,
    ctx: &FlowContext,
) -> Result<bool> {
    let (hash,): (Option<String>,) =
        sqlx::query_as("SELECT admin_password_hash FROM orders WHERE id = $1")
            .bind(rec.order_id)
            .fetch_one(&st.pool)
            .await?;
    let password_hash = hash.ok_or_else(|| {
        tracing::error!(
            order_id = rec.order_id,
            "order has no admin password to provision with"
        );
        AppError::Internal
    })?;
    let password_hash = password_hash.as_str();
    let db = choose_target(st, rec.tenant_id).await?;
    sqlx::query("UPDATE tenants SET db_server = $1, db_name = $2 WHERE id = $3")
        .bind(&db.server)
        .bind(&db.name)
        .bind(rec.tenant_id)
        .execute(&st.pool)
        .await?;
    let admin = InstanceAdmin {
        email: order.email.as_str(),
        full_name: &order.contact_name,
        password_hash,
        company: &order.company,
    };
    let outcome = provision_database(st, &db, plan, order.instance.as_str(), &admin).await;
    let now = st.now();
    let mut tx = st.pool.begin().await?;
    let ready = match outcome {
        Err((step, reason)) => {
            let detail = format!("step \u{201c}{}\u{201d} failed: {reason}", step.label());
            tenants::apply(
                &mut tx,
                now,
                rec.tenant_id,
                &TenantEvent::ProvisioningFailed,
                "provisioner",
                &detail,
            )
            .await?;
            events::advance(
                &mut tx,
                now,
                rec.order_id,
                &OrderEvent::ProvisioningFailed { reason: detail },
                ctx,
                &Actor::System,
            )
            .await?;
            sqlx::query("UPDATE orders SET failure_reason = $1 WHERE id = $2")
                .bind(format!("Setting up the instance failed at \u{201c}{}\u{201d}; nothing was kept. Please try again.", step.label()))
                .bind(rec.order_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("UPDATE subscriptions SET status = 'cancelled' WHERE tenant_id = $1")
                .bind(rec.tenant_id)
                .execute(&mut *tx)
                .await?;
            false
        }
        Ok(()) => {
            let trial = plan.trial_days > 0;
            tenants::apply(
                &mut tx,
                now,
                rec.tenant_id,
                &TenantEvent::Provisioned { trial },
                "provisioner",
                "instance ready",
            )
            .await?;
            let user = NewUser {
                email: &order.email,
                password_hash,
                full_name: &order.contact_name,
                role: Role::TenantAdmin,
                tenant_id: Some(rec.tenant_id),
                customer_id: Some(rec.customer_id),
            };
            insert_user(&mut tx, now, user).await?;
            sqlx::query("UPDATE subscriptions SET status = $1 WHERE tenant_id = $2")
                .bind(if trial { "trial" } else { "active" })
                .bind(rec.tenant_id)
                .execute(&mut *tx)
                .await?;
            events::advance(
                &mut tx,
                now,
                rec.order_id,
                &OrderEvent::Provisioned,
                ctx,
                &Actor::System,
            )
            .await?;
            // The hash now lives with the admin user; the order keeps no copy.
            sqlx::query("UPDATE orders SET admin_password_hash = NULL WHERE id = $1")
                .bind(rec.order_id)
                .execute(&mut *tx)
                .await?;
            true
        }
    };
    tx.commit().await?;
    if ready {
        send_welcome(st, order, plan, rec.tenant_id).await;
    }
    Ok(ready)
}

async fn send_welcome(st: &AppState, order: &Applicant, plan: &PlanRow, tenant_id: i64) {
    let url = st.config.instance_url(order.instance.as_str());
    let trial = if plan.trial_days > 0 {
        format!("Your free trial runs for {} days.\n", plan.trial_days)
    } else {
        String::new()
    };
    let body = format!(
        "Hello {},\n\nyour {} instance for {} is ready:\n\n  {url}\n\nLog in at {url}/login with {} and the password you chose.\n{trial}\nThe Tenantry team\n",
        order.contact_name,
        plan.name,
        order.company,
        order.email.as_str()
    );
    let subject = format!("Your instance {} is ready", order.instance.as_str());
    if let Err(e) = st
        .mailer
        .send(&st.config.mail_from, order.email.as_str(), &subject, body)
        .await
    {
        tracing::error!(tenant_id, error = %e, "welcome mail not sent");
        if let Ok(mut conn) = st.pool.acquire().await {
            let _ = tenants::record_note(
                &mut conn,
                st.now(),
                tenant_id,
                "welcome_mail_failed",
                "mailer",
                &e.to_string(),
            )
            .await;
        }
    }
}
