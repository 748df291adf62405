//! The mails of an unpaid renewal, in the language of the order that started the subscription:
//! a failed payment or an overdue transfer (with the next try and the day access stops), the payment received, and the
//! suspension. A mail that cannot be sent is logged; the dunning goes on regardless.
use chrono::{DateTime, Utc};

use super::schedule;
use crate::backend::db::parse_ts;
use crate::backend::state::AppState;
use crate::domain::format;
use crate::error::Result;
use crate::i18n::{tr_args, Locale};

#[derive(sqlx::FromRow)]
struct About {
    email: String,
    contact_name: String,
    instance: String,
    token: String,
    locale: String,
    total_minor: i64,
    currency: String,
    storefront_id: i64,
    failed_at: String,
    next_attempt_at: Option<String>,
}

async fn about(st: &AppState, invoice_id: i64) -> Result<About> {
    Ok(sqlx::query_as(&format!(
        "SELECT c.email, c.contact_name, t.name AS instance, o.public_token AS token, \
         {locale} AS locale, \
         i.total_minor, i.currency, i.storefront_id, d.failed_at, d.next_attempt_at \
         FROM dunnings d JOIN invoices i ON i.id = d.invoice_id JOIN tenants t ON t.id = d.tenant_id \
         JOIN customers c ON c.id = i.customer_id JOIN orders o ON o.id = d.order_id WHERE d.invoice_id = $1",
        locale = crate::backend::language::tenant_locale_sql("t.id")
    ))
    .bind(invoice_id)
    .fetch_one(&st.pool)
    .await?)
}

fn day(at: &str, locale: Locale) -> String {
    parse_ts(at)
        .map(|t: DateTime<Utc>| format::date(t.date_naive(), locale))
        .unwrap_or_default()
}

fn amount(a: &About, locale: Locale) -> String {
    format::money_of(a.total_minor, &a.currency, locale)
}

async fn send(st: &AppState, a: &About, subject: String, paragraphs: &[String]) {
    let locale = Locale::from_tag(&a.locale).unwrap_or_default();
    let mut body = tr_args(
        locale,
        "mail-hello-name",
        &[("name", a.contact_name.clone())],
    );
    for p in paragraphs {
        body.push_str("\n\n");
        body.push_str(p);
    }
    body.push_str("\n\n");
    body.push_str(
        &crate::backend::brand::signature_of_storefront(&st.pool, a.storefront_id, locale).await,
    );
    body.push('\n');
    if let Err(e) = st
        .mailer
        .send(&st.config.mail_from, &a.email, &subject, body)
        .await
    {
        tracing::error!(instance = %a.instance, error = %e, "dunning mail not sent");
    }
}

/// The renewal (or a retry of it) was declined: when the card is tried next, until when the
/// instance keeps running, and where to pay now.
pub async fn tell_failed(st: &AppState, invoice_id: i64) {
    tell_unpaid(st, invoice_id, "mail-dunning-failed").await;
}

/// The transfer for a renewal did not arrive by the invoice's due date: until when the instance
/// keeps running, and where to pay now.
pub async fn tell_overdue(st: &AppState, invoice_id: i64) {
    tell_unpaid(st, invoice_id, "mail-dunning-overdue").await;
}

/// The mail of an unpaid renewal; `key` names its subject (`<key>-subject`) and first line.
async fn tell_unpaid(st: &AppState, invoice_id: i64, key: &str) {
    let a = match about(st, invoice_id).await {
        Ok(a) => a,
        Err(e) => return tracing::error!(invoice_id, error = %e, "dunning mail not written"),
    };
    let locale = Locale::from_tag(&a.locale).unwrap_or_default();
    let grace_ends = match (
        schedule::load_from_pool(st, a.storefront_id).await,
        parse_ts(&a.failed_at),
    ) {
        (Ok(s), Some(failed)) => format::date(s.grace_ends(failed).date_naive(), locale),
        _ => String::new(),
    };
    let instance = ("instance", a.instance.clone());
    let mut paragraphs = vec![tr_args(
        locale,
        key,
        &[instance.clone(), ("amount", amount(&a, locale))],
    )];
    if let Some(next) = &a.next_attempt_at {
        paragraphs.push(tr_args(
            locale,
            "mail-dunning-next-try",
            &[("date", day(next, locale))],
        ));
    }
    paragraphs.push(tr_args(
        locale,
        "mail-dunning-grace",
        &[instance.clone(), ("date", grace_ends)],
    ));
    let url = format!("{}/orders/{}/invoice", st.config.storefront_url(), a.token);
    paragraphs.push(tr_args(locale, "mail-dunning-pay", &[("url", url)]));
    let subject = tr_args(locale, &format!("{key}-subject"), &[instance]);
    send(st, &a, subject, &paragraphs).await;
}

/// The overdue invoice was paid: the instance runs again.
pub async fn tell_recovered(st: &AppState, invoice_id: i64) {
    let a = match about(st, invoice_id).await {
        Ok(a) => a,
        Err(e) => return tracing::error!(invoice_id, error = %e, "dunning mail not written"),
    };
    let locale = Locale::from_tag(&a.locale).unwrap_or_default();
    let instance = ("instance", a.instance.clone());
    let paragraphs = [tr_args(
        locale,
        "mail-dunning-recovered",
        &[
            instance.clone(),
            ("amount", amount(&a, locale)),
            ("url", st.config.instance_url(&a.instance)),
        ],
    )];
    let subject = tr_args(locale, "mail-dunning-recovered-subject", &[instance]);
    send(st, &a, subject, &paragraphs).await;
}

/// The grace period ended unpaid: the instance is suspended, its data kept.
pub async fn tell_suspended(st: &AppState, invoice_id: i64) {
    let a = match about(st, invoice_id).await {
        Ok(a) => a,
        Err(e) => return tracing::error!(invoice_id, error = %e, "dunning mail not written"),
    };
    let locale = Locale::from_tag(&a.locale).unwrap_or_default();
    let instance = ("instance", a.instance.clone());
    let url = format!("{}/orders/{}/invoice", st.config.storefront_url(), a.token);
    let paragraphs = [
        tr_args(
            locale,
            "mail-dunning-suspended",
            &[instance.clone(), ("amount", amount(&a, locale))],
        ),
        tr_args(locale, "mail-dunning-pay", &[("url", url)]),
    ];
    let subject = tr_args(locale, "mail-dunning-suspended-subject", &[instance]);
    send(st, &a, subject, &paragraphs).await;
}

/// [`tell_failed`] for the renewal order whose payment failed.
pub async fn tell_failed_for_order(st: &AppState, order_id: i64) {
    let found: std::result::Result<Option<(i64,)>, sqlx::Error> =
        sqlx::query_as("SELECT invoice_id FROM dunnings WHERE order_id = $1")
            .bind(order_id)
            .fetch_optional(&st.pool)
            .await;
    match found {
        Ok(Some((invoice_id,))) => tell_failed(st, invoice_id).await,
        Ok(None) => {}
        Err(e) => tracing::error!(order_id, error = %e, "dunning mail not written"),
    }
}
