//! What needs the operator: orders awaiting approval, failed set-ups, overdue invoices and
//! tenants in critical health, newest first.
use crate::backend::db::{parse_ts, show_minute};
use crate::backend::state::AppState;
use crate::domain::format::money_of;
use crate::error::Result;
use crate::i18n::Locale;
use crate::wire::dashboard::{ActionItem, ActionKind};

/// Items of each kind listed at most.
const EACH: i64 = 20;

/// The list, newest first.
pub async fn needed(st: &AppState, now_ts: &str) -> Result<Vec<ActionItem>> {
    let pool = &st.pool;
    let mut items: Vec<(String, ActionItem)> = Vec::new();
    let approvals: Vec<(i64, String, String, String, i64)> = sqlx::query_as(&format!(
        "SELECT o.id, o.instance_name, c.company, o.updated_at, \
         (SELECT COUNT(*) FROM order_events e WHERE e.order_id = o.id AND e.event = 'payment_offline') FROM orders o \
         JOIN customers c ON c.id = o.customer_id WHERE o.status = 'awaiting_approval' \
         ORDER BY o.id DESC LIMIT {EACH}"
    ))
    .fetch_all(pool)
    .await?;
    for (id, name, company, at, transfer) in approvals {
        let detail = if transfer > 0 {
            "Approve it once the bank transfer is in."
        } else {
            "Screening flagged it: approve or reject it."
        };
        items.push(item(
            ActionKind::Approval,
            format!("{name} ({company})"),
            detail.into(),
            format!("/operator/orders/{id}"),
            at,
        ));
    }
    let failed: Vec<(i64, String, String, Option<String>, String)> = sqlx::query_as(&format!(
        "SELECT t.id, t.name, c.company, \
         (SELECT o.failure_reason FROM orders o WHERE o.tenant_id = t.id ORDER BY o.id DESC LIMIT 1), \
         COALESCE((SELECT MAX(e.created_at) FROM tenant_events e WHERE e.tenant_id = t.id), t.updated_at) \
         FROM tenants t JOIN customers c ON c.id = t.customer_id WHERE t.state = 'failed' \
         ORDER BY t.id DESC LIMIT {EACH}"
    ))
    .fetch_all(pool)
    .await?;
    for (id, name, company, reason, at) in failed {
        let detail = reason.unwrap_or_else(|| "Setting up the instance failed.".into());
        items.push(item(
            ActionKind::FailedProvisioning,
            format!("{name} ({company})"),
            detail,
            format!("/operator/tenants/{id}"),
            at,
        ));
    }
    let overdue: Vec<(i64, String, String, i64, String, String)> = sqlx::query_as(&format!(
        "SELECT i.id, i.number, c.company, i.total_minor, i.currency, i.due_at FROM invoices i \
         JOIN customers c ON c.id = i.customer_id WHERE i.status = 'open' AND i.due_at < $1 \
         ORDER BY i.due_at DESC LIMIT {EACH}"
    ))
    .bind(now_ts)
    .fetch_all(pool)
    .await?;
    for (id, number, company, total, currency, due) in overdue {
        let detail = format!(
            "{} due {}",
            money_of(total, &currency, Locale::En),
            show_minute(&due)
        );
        items.push(item(
            ActionKind::OverdueInvoice,
            format!("{number} ({company})"),
            detail,
            format!("/operator/invoices/{id}"),
            due,
        ));
    }
    // The IN term repeats the attention index's condition, so SQLite uses it.
    let critical: Vec<(i64, String, String, String, String)> = sqlx::query_as(&format!(
        "SELECT t.id, t.name, c.company, t.health_reason, t.health_since FROM tenants t \
         JOIN customers c ON c.id = t.customer_id \
         WHERE t.health_level IN ('warning', 'critical') AND t.health_level = 'critical' \
         AND t.health_since IS NOT NULL AND t.state IN ({}) ORDER BY t.health_since DESC LIMIT {EACH}",
        crate::backend::health::live_states_sql()
    ))
    .fetch_all(pool)
    .await?;
    for (id, name, company, reason, since) in critical {
        items.push(item(
            ActionKind::CriticalHealth,
            format!("{name} ({company})"),
            reason,
            format!("/operator/tenants/{id}"),
            since,
        ));
    }
    items.sort_by(|a, b| b.0.cmp(&a.0));
    Ok(items.into_iter().map(|(_, i)| i).collect())
}

fn item(
    kind: ActionKind,
    subject: String,
    detail: String,
    href: String,
    at: String,
) -> (String, ActionItem) {
    let since = parse_ts(&at).map_or_else(
        || at.clone(),
        |t| crate::domain::format::moment(t, Locale::En),
    );
    (
        at,
        ActionItem {
            kind,
            subject,
            detail,
            href,
            since,
        },
    )
}
