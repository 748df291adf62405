//! A rehearsal's page: the copied tenant as it stands on the rehearsal's clock (read by the
//! tenant page's own code), its invoices, and everything that happened since the copy was made.
use super::sandbox::Sandbox;
use crate::backend::db::{show_minute, ts};
use crate::backend::state::AppState;
use crate::backend::tenants;
use crate::domain::actor::words;
use crate::domain::format::money_of;
use crate::domain::payment::PaymentStatus;
use crate::domain::InvoiceStatus;
use crate::error::Result;
use crate::i18n::Locale;
use crate::wire::rehearsals::{
    RehearsalEntry, RehearsalEntryKind, RehearsalInvoice, RehearsalView,
};

#[derive(sqlx::FromRow)]
struct Invoice {
    number: String,
    issued_at: String,
    total_minor: i64,
    currency: String,
    status: InvoiceStatus,
}

/// Rehearsal `rehearsal_id`, read from its copy.
pub async fn load(st: &AppState, rehearsal_id: i64) -> Result<RehearsalView> {
    let kept = super::load(st, rehearsal_id).await?;
    let sandbox = Sandbox::open(st, &kept.db, kept.now).await?;
    let read = read(&sandbox, kept.tenant_id, &ts(kept.started_at)).await;
    sandbox.close().await;
    let (tenant, invoices, timeline) = read?;
    Ok(RehearsalView {
        id: rehearsal_id,
        tenant_id: kept.tenant_id,
        started_at: show_minute(&ts(kept.started_at)),
        now: show_minute(&ts(kept.now)),
        tenant,
        invoices,
        timeline,
    })
}

type Read = (
    crate::wire::tenants::TenantDetailView,
    Vec<RehearsalInvoice>,
    Vec<RehearsalEntry>,
);

async fn read(sandbox: &Sandbox, tenant_id: i64, started: &str) -> Result<Read> {
    let st = &sandbox.state;
    let tenant = tenants::detail::load(st, tenant_id).await?;
    let rows: Vec<Invoice> = sqlx::query_as(
        "SELECT i.number, i.issued_at, i.total_minor, i.currency, i.status FROM invoices i \
         JOIN orders o ON o.id = i.order_id WHERE o.tenant_id = $1 ORDER BY i.issued_at DESC, i.id DESC",
    )
    .bind(tenant_id)
    .fetch_all(&st.pool)
    .await?;
    let invoices = rows
        .into_iter()
        .map(|i| RehearsalInvoice {
            rehearsed: i.issued_at.as_str() > started,
            issued_at: show_minute(&i.issued_at),
            total: money_of(i.total_minor, &i.currency, Locale::En),
            status: i.status,
            number: i.number,
        })
        .collect();
    let mut timeline = timeline(&st.pool, started).await?;
    timeline.sort_by(|a, b| a.0.cmp(&b.0));
    Ok((
        tenant,
        invoices,
        timeline.into_iter().map(|(_, e)| e).collect(),
    ))
}

/// Everything recorded after `started` (what was recorded at the copy's moment is the real past), with its stored time to sort by.
async fn timeline(pool: &sqlx::AnyPool, started: &str) -> Result<Vec<(String, RehearsalEntry)>> {
    let mut out = Vec::new();
    let mut push = |at: String, kind: RehearsalEntryKind, text: String, body: Option<String>| {
        out.push((
            at.clone(),
            RehearsalEntry {
                at: show_minute(&at),
                kind,
                text,
                body,
            },
        ));
    };
    let tenant: Vec<(String, String, Option<String>, String, String)> = sqlx::query_as(
        "SELECT created_at, event, from_state, to_state, detail FROM tenant_events WHERE created_at > $1",
    )
    .bind(started)
    .fetch_all(pool)
    .await?;
    for (at, event, from, to, detail) in tenant {
        let label = |s: &str| {
            s.parse::<crate::domain::TenantState>()
                .map(|s| s.label().to_string())
                .unwrap_or_else(|_| s.to_string())
        };
        let change = match from {
            Some(from) if from != to => format!("{} \u{2192} {}", label(&from), label(&to)),
            _ => label(&to),
        };
        let text = format!("{} ({change}): {detail}", words(&event));
        push(at, RehearsalEntryKind::Tenant, text, None);
    }
    let subscription: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT created_at, event, detail FROM subscription_events WHERE created_at > $1",
    )
    .bind(started)
    .fetch_all(pool)
    .await?;
    for (at, event, detail) in subscription {
        let text = format!("{}: {detail}", words(&event));
        push(at, RehearsalEntryKind::Subscription, text, None);
    }
    let orders: Vec<(String, String, i64, String)> = sqlx::query_as(
        "SELECT created_at, kind, total_minor, currency FROM orders WHERE created_at > $1",
    )
    .bind(started)
    .fetch_all(pool)
    .await?;
    for (at, kind, total, currency) in orders {
        let text = format!(
            "{} order placed: {}",
            capitalised(&words(&kind)),
            money_of(total, &currency, Locale::En)
        );
        push(at, RehearsalEntryKind::Order, text, None);
    }
    let invoices: Vec<(String, String, i64, String, InvoiceStatus)> = sqlx::query_as(
        "SELECT issued_at, number, total_minor, currency, status FROM invoices WHERE issued_at > $1",
    )
    .bind(started)
    .fetch_all(pool)
    .await?;
    for (at, number, total, currency, status) in invoices {
        let text = format!(
            "Invoice {number} issued: {} ({})",
            money_of(total, &currency, Locale::En),
            status.label().to_lowercase()
        );
        push(at, RehearsalEntryKind::Invoice, text, None);
    }
    let steps: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT e.created_at, i.number, e.event, e.detail FROM invoice_events e \
         JOIN invoices i ON i.id = e.invoice_id WHERE e.created_at > $1",
    )
    .bind(started)
    .fetch_all(pool)
    .await?;
    for (at, number, event, detail) in steps {
        let step = event
            .parse::<crate::domain::InvoiceEvent>()
            .map_or_else(|_| words(&event), |e| e.label().to_lowercase());
        let text = format!("{number}: {step} \u{2014} {detail}");
        push(at, RehearsalEntryKind::InvoiceStep, text, None);
    }
    let payments: Vec<(String, i64, String, PaymentStatus, String)> = sqlx::query_as(
        "SELECT created_at, amount_minor, currency, status, detail FROM payments WHERE created_at > $1",
    )
    .bind(started)
    .fetch_all(pool)
    .await?;
    for (at, amount, currency, status, detail) in payments {
        let mut text = format!(
            "{} {}",
            money_of(amount, &currency, Locale::En),
            status.label().to_lowercase()
        );
        if !detail.is_empty() {
            text.push_str(&format!(": {detail}"));
        }
        push(at, RehearsalEntryKind::Payment, text, None);
    }
    let mails: Vec<(String, String, String, String)> =
        sqlx::query_as("SELECT sent_at, recipient, subject, body FROM rehearsal_mails ORDER BY id")
            .fetch_all(pool)
            .await?;
    for (at, to, subject, body) in mails {
        let text = format!("To {to}: {subject}");
        push(at, RehearsalEntryKind::Mail, text, Some(body));
    }
    Ok(out)
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
