//! Reminders before a free trial or a paid period ends, on the days the storefront's schedule
//! names (7, 3 and 1 days ahead by default). Each is claimed in `billing_reminders` before it is
//! sent, so however many servers sweep, a customer gets it once; when the sweep was away past
//! several reminder days, only the most urgent is sent.
use chrono::{DateTime, Duration, Utc};

use super::schedule;
use crate::backend::db::{parse_ts, ts};
use crate::backend::orders::change::{charge::stored_card, Current};
use crate::backend::state::AppState;
use crate::backend::subscription::renewal_total;
use crate::domain::dunning::{DunningSchedule, MAX_DAYS};
use crate::domain::format;
use crate::error::Result;
use crate::i18n::{tr, tr_args, Locale};

#[derive(sqlx::FromRow)]
struct Ending {
    subscription_id: i64,
    tenant_id: i64,
    name: String,
    trial: i64,
    ends_at: String,
    storefront_id: Option<i64>,
    email: String,
    contact_name: String,
    locale: String,
}

/// Sends the reminders that are due; returns how many were sent.
pub async fn send_due(st: &AppState) -> Result<usize> {
    let now = st.now();
    let horizon = now + Duration::days(i64::from(MAX_DAYS));
    // Page by subscription: reminders already sent stay in the window, and must not hide the rest.
    let mut after = 0;
    let mut sent = 0;
    let mut schedules = schedule::Schedules::default();
    loop {
        let ending: Vec<Ending> = sqlx::query_as(&format!(
            "SELECT s.id AS subscription_id, t.id AS tenant_id, t.name, CAST(CASE WHEN s.status = 'trial' THEN 1 ELSE 0 END AS BIGINT) AS trial, \
             CASE WHEN s.status = 'trial' THEN s.trial_ends_at ELSE s.period_end END AS ends_at, \
             s.storefront_id, c.email, c.contact_name, \
             {locale} AS locale \
             FROM subscriptions s JOIN tenants t ON t.id = s.tenant_id JOIN customers c ON c.id = s.customer_id \
             WHERE ((s.status = 'trial' AND t.state = 'trial' AND s.trial_ends_at > $1 AND s.trial_ends_at <= $2) \
                OR (s.status = 'active' AND t.state = 'active' AND s.cancel_at_period_end = 0 \
                    AND s.selection_json <> '{{}}' AND s.period_end > $1 AND s.period_end <= $2)) \
             AND s.id > $4 ORDER BY s.id LIMIT $3",
            locale = crate::backend::language::tenant_locale_sql("t.id")
        ))
        .bind(ts(now))
        .bind(ts(horizon))
        .bind(st.config.jobs.sweep_page)
        .bind(after)
        .fetch_all(&st.pool)
        .await?;
        let full = ending.len() as i64 == st.config.jobs.sweep_page;
        for e in ending {
            after = e.subscription_id;
            let schedule = schedules.of_subscription(st, e.storefront_id).await?;
            let Some(ends_at) = parse_ts(&e.ends_at) else {
                continue;
            };
            let Some(days) = due_day(&schedule, ends_at, now) else {
                continue;
            };
            match claim(st, now, &e, ends_at, &schedule, days).await {
                Ok(true) => {
                    send(st, &e, ends_at).await;
                    sent += 1;
                }
                Ok(false) => {}
                Err(err) => {
                    tracing::error!(tenant_id = e.tenant_id, error = %err, "reminder not claimed")
                }
            }
        }
        if !full {
            break;
        }
    }
    Ok(sent)
}

/// The most urgent reminder day that has come for a period ending at `ends_at`.
fn due_day(s: &DunningSchedule, ends_at: DateTime<Utc>, now: DateTime<Utc>) -> Option<u32> {
    s.reminder_days
        .iter()
        .copied()
        .filter(|d| ends_at - Duration::days(i64::from(*d)) <= now)
        .min()
}

/// Claims the reminder for `days` (and marks the earlier, less urgent ones it replaces); true
/// when this server is the one to send it.
async fn claim(
    st: &AppState,
    now: DateTime<Utc>,
    e: &Ending,
    ends_at: DateTime<Utc>,
    s: &DunningSchedule,
    days: u32,
) -> Result<bool> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let mut ours = false;
    for d in s.reminder_days.iter().copied().filter(|d| *d >= days) {
        let inserted = sqlx::query(
            "INSERT INTO billing_reminders (tenant_id, period_end, days_before, sent_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (tenant_id, period_end, days_before) DO NOTHING",
        )
        .bind(e.tenant_id)
        .bind(ts(ends_at))
        .bind(i64::from(d))
        .bind(ts(now))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if d == days {
            ours = inserted == 1;
        }
    }
    tx.commit().await?;
    Ok(ours)
}

async fn send(st: &AppState, e: &Ending, ends_at: DateTime<Utc>) {
    let locale = Locale::from_tag(&e.locale).unwrap_or_default();
    let day = format::date(ends_at.date_naive(), locale);
    let instance = ("instance", e.name.clone());
    let (subject, what) = if e.trial == 1 {
        (
            tr_args(
                locale,
                "mail-remind-trial-subject",
                &[instance.clone(), ("date", day.clone())],
            ),
            tr_args(
                locale,
                "mail-remind-trial",
                &[instance, ("date", day), ("url", st.config.storefront_url())],
            ),
        )
    } else {
        let (amount, how) = renewal_terms(st, e.tenant_id, locale).await;
        (
            tr_args(
                locale,
                "mail-remind-renewal-subject",
                &[instance.clone(), ("date", day.clone())],
            ),
            tr_args(
                locale,
                "mail-remind-renewal",
                &[instance, ("date", day), ("amount", amount), ("how", how)],
            ),
        )
    };
    let body = format!(
        "{}\n\n{what}\n\n{}\n",
        tr_args(
            locale,
            "mail-hello-name",
            &[("name", e.contact_name.clone())]
        ),
        crate::backend::brand::signature_of_tenant(&st.pool, e.tenant_id, locale).await,
    );
    if let Err(err) = st
        .mailer
        .send(&st.config.mail_from, &e.email, &subject, body)
        .await
    {
        tracing::error!(tenant_id = e.tenant_id, error = %err, "reminder not sent");
    }
}

/// The renewal's amount and how it will be paid, in words.
async fn renewal_terms(st: &AppState, tenant_id: i64, locale: Locale) -> (String, String) {
    let terms = async {
        let current = Current::load(st, tenant_id).await?;
        let amount = renewal_total(st, &current).await?;
        let card = stored_card(st, current.customer_id).await?;
        Ok::<_, crate::error::AppError>((amount, card))
    }
    .await;
    match terms {
        Ok((amount, card)) => (
            amount
                .map(|m| format::money(&m, locale))
                .unwrap_or_default(),
            match card {
                Some(c) => tr_args(
                    locale,
                    "mail-remind-card",
                    &[("brand", c.brand.clone()), ("last4", c.last4.clone())],
                ),
                None => tr(locale, "mail-remind-transfer"),
            },
        ),
        Err(err) => {
            tracing::error!(tenant_id, error = %err, "renewal terms not read");
            (String::new(), String::new())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_most_urgent_reminder_that_has_come_is_sent() {
        let s = DunningSchedule::default();
        let end = Utc.with_ymd_and_hms(2027, 1, 10, 9, 0, 0).single().unwrap();
        let at = |d: u32, h: u32| Utc.with_ymd_and_hms(2027, 1, d, h, 0, 0).single().unwrap();
        assert_eq!(due_day(&s, end, at(2, 9)), None);
        assert_eq!(due_day(&s, end, at(3, 9)), Some(7));
        assert_eq!(due_day(&s, end, at(6, 9)), Some(7));
        assert_eq!(due_day(&s, end, at(7, 9)), Some(3));
        assert_eq!(due_day(&s, end, at(9, 8)), Some(3));
        assert_eq!(due_day(&s, end, at(9, 9)), Some(1));
    }
}
