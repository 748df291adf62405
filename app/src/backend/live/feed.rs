//! The events feed: the newest provisioning, lifecycle, billing and health events, each linking
//! to its order, invoice or tenant.
use sqlx::AnyPool;

use crate::backend::db::parse_ts;
use crate::backend::state::AppState;
use crate::domain::format::{moment, money_of};
use crate::error::Result;
use crate::i18n::Locale;
use crate::wire::dashboard::{FeedItem, FeedKind};

/// The sum of the event tables' newest ids: it grows with every event any server records.
pub async fn version(pool: &AnyPool) -> Result<i64> {
    let (v,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE((SELECT MAX(id) FROM order_events), 0) + COALESCE((SELECT MAX(id) FROM tenant_events), 0) \
         + COALESCE((SELECT MAX(id) FROM subscription_events), 0) + COALESCE((SELECT MAX(id) FROM payments), 0) \
         + COALESCE((SELECT MAX(id) FROM invoice_events), 0) AS BIGINT)",
    )
    .fetch_one(pool)
    .await?;
    Ok(v)
}

#[derive(sqlx::FromRow)]
struct Row {
    kind: String,
    subject: String,
    event: String,
    detail: String,
    link: i64,
    created_at: String,
}

/// The newest `limit` events, newest first.
pub async fn latest(st: &AppState, limit: i64) -> Result<Vec<FeedItem>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT kind, subject, event, detail, link, created_at FROM ( \
           SELECT * FROM (SELECT 'order' AS kind, o.instance_name AS subject, e.event, e.detail, o.id AS link, e.created_at, e.id \
             FROM order_events e JOIN orders o ON o.id = e.order_id ORDER BY e.id DESC LIMIT {limit}) a \
           UNION ALL SELECT * FROM (SELECT 'tenant', t.name, e.event, e.detail, t.id, e.created_at, e.id \
             FROM tenant_events e JOIN tenants t ON t.id = e.tenant_id ORDER BY e.id DESC LIMIT {limit}) b \
           UNION ALL SELECT * FROM (SELECT 'payment', COALESCE(o.instance_name, ''), p.status, \
             CAST(p.amount_minor AS TEXT) || ' ' || p.currency, COALESCE(p.invoice_id, 0), p.updated_at, p.id \
             FROM payments p LEFT JOIN orders o ON o.id = p.order_id ORDER BY p.id DESC LIMIT {limit}) c \
         ) x ORDER BY created_at DESC LIMIT {limit}"
    ))
    .fetch_all(&st.pool)
    .await?;
    Ok(rows.into_iter().map(item).collect())
}

fn item(r: Row) -> FeedItem {
    let at = parse_ts(&r.created_at).map_or(r.created_at.clone(), |t| moment(t, Locale::En));
    let words = r.event.replace('_', " ");
    let (kind, text, href) = match r.kind.as_str() {
        "order" => (
            FeedKind::Provisioning,
            format!("{}: order {words}", r.subject),
            format!("/operator/orders/{}", r.link),
        ),
        "payment" => {
            let amount = r
                .detail
                .split_once(' ')
                .and_then(|(m, c)| m.parse::<i64>().ok().map(|m| money_of(m, c, Locale::En)))
                .unwrap_or(r.detail.clone());
            (
                FeedKind::Billing,
                format!("{}: payment {words}, {amount}", r.subject),
                if r.link > 0 {
                    format!("/operator/invoices/{}", r.link)
                } else {
                    "/operator/orders".into()
                },
            )
        }
        _ if r.event.starts_with("health") => (
            FeedKind::Health,
            format!("{}: {}", r.subject, r.detail),
            format!("/operator/tenants/{}", r.link),
        ),
        _ => (
            FeedKind::Lifecycle,
            format!("{}: {words}", r.subject),
            format!("/operator/tenants/{}", r.link),
        ),
    };
    FeedItem {
        kind,
        text,
        href,
        at,
    }
}
