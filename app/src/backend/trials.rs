//! Ending free trials on time: each plan says whether an ended trial is suspended (data kept,
//! the customer can still subscribe) or archived (closed), and the customer is told by mail.
use super::db::ts;
use super::state::AppState;
use super::{subscription_state, tenants};
use crate::domain::tenant_state::TenantEvent;
use crate::domain::{Actor, SubscriptionEvent};
use crate::error::Result;
use crate::i18n::{tr_args, Locale};

#[derive(sqlx::FromRow)]
struct Ended {
    tenant_id: i64,
    name: String,
    email: String,
    contact_name: String,
    plan_name: String,
    trial_end_action: String,
    locale: String,
}

/// Applies the plan's end action to every trial that ended by now; returns how many it ended.
pub async fn end_expired(st: &AppState) -> Result<usize> {
    let now = st.now();
    let ended: Vec<Ended> = sqlx::query_as(
        &format!(
            "SELECT t.id AS tenant_id, t.name, c.email, c.contact_name, p.name AS plan_name, p.trial_end_action, \
         {locale} AS locale \
         FROM subscriptions s JOIN tenants t ON t.id = s.tenant_id JOIN customers c ON c.id = s.customer_id \
         JOIN plans p ON p.id = s.plan_id \
         WHERE s.status = 'trial' AND t.state = 'trial' AND s.trial_ends_at <= $1 ORDER BY s.id LIMIT 200",
            locale = crate::backend::language::tenant_locale_sql("t.id")
        ),
    )
    .bind(ts(now))
    .fetch_all(&st.pool)
    .await?;
    let mut done = 0;
    for trial in ended {
        let archive = trial.trial_end_action == "archive";
        let event = if archive {
            TenantEvent::Archive
        } else {
            TenantEvent::Suspend
        };
        let actor = Actor::job("trial_end");
        let detail = "free trial ended";
        let mut tx = crate::backend::db::begin(&st.pool).await?;
        // Another server may have ended it first: a state machine then refuses and we move on.
        if let Err(e) = tenants::apply(&mut tx, now, trial.tenant_id, &event, &actor, detail).await
        {
            tracing::debug!(tenant_id = trial.tenant_id, error = %e, "trial not ended here");
            continue;
        }
        let ended = SubscriptionEvent::TrialEnded { archive };
        let tenant_id = trial.tenant_id;
        if let Err(e) =
            subscription_state::apply(&mut tx, now, tenant_id, &ended, &actor, detail).await
        {
            tracing::debug!(tenant_id, error = %e, "trial not ended here");
            continue;
        }
        tx.commit().await?;
        done += 1;
        notify(st, &trial, archive).await;
    }
    Ok(done)
}

/// Tells the customer, in the language of the order that started the trial.
async fn notify(st: &AppState, trial: &Ended, archived: bool) {
    let locale = Locale::from_tag(&trial.locale).unwrap_or_default();
    let what = if archived {
        "mail-trial-ended-closed"
    } else {
        "mail-trial-ended-paused"
    };
    let ended = [
        ("plan", trial.plan_name.clone()),
        ("url", st.config.instance_url(&trial.name)),
    ];
    let body = format!(
        "{}\n\n{}\n\n{}\n\n{}\n",
        tr_args(
            locale,
            "mail-hello-name",
            &[("name", trial.contact_name.clone())]
        ),
        tr_args(locale, what, &ended),
        tr_args(
            locale,
            "mail-storefront",
            &[("url", st.config.storefront_url())]
        ),
        crate::backend::brand::signature_of_tenant(&st.pool, trial.tenant_id, locale).await,
    );
    let subject = tr_args(
        locale,
        "mail-trial-ended-subject",
        &[("instance", trial.name.clone())],
    );
    if let Err(e) = st
        .mailer
        .send(&st.config.mail_from, &trial.email, &subject, body)
        .await
    {
        tracing::error!(tenant_id = trial.tenant_id, error = %e, "trial-end mail not sent");
    }
}
