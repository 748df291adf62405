//! The lists of tickets (a tenant's, the operator's queue) and one ticket's thread, with times
//! formatted for their reader.

use crate::backend::db::{parse_ts, show_minute};
use crate::backend::state::AppState;
use crate::domain::format;
use crate::domain::tickets::{TicketCategory, TicketSide, TicketStatus};
use crate::error::{AppError, Result};
use crate::i18n::Locale;
use crate::wire::tickets::{TicketMessageView, TicketRow, TicketView};

/// Who reads: a tenant's admin (only that tenant's tickets, in their language) or the operator.
#[derive(Debug, Clone, Copy)]
pub enum Reader {
    /// An admin of tenant `tenant_id`, reading `locale`.
    Tenant {
        /// The tenant whose tickets they may read.
        tenant_id: i64,
        /// Their page's language.
        locale: Locale,
    },
    /// The operator (English, times to the minute in UTC as on every operator page).
    Operator,
}

impl Reader {
    /// A stored time for this reader: "3 March 2026, 14:05 UTC" in the portal's language, or
    /// "2026-03-03 14:05 UTC" for the operator.
    fn when(self, stored: &str) -> String {
        match (self, parse_ts(stored)) {
            (Reader::Tenant { locale, .. }, Some(t)) => format::moment(t, locale),
            _ => show_minute(stored),
        }
    }
}

const ROWS: &str = "SELECT t.id, t.subject, t.category, t.status, n.name, t.last_message_at, \
     (SELECT COUNT(*) FROM ticket_messages m WHERE m.ticket_id = t.id) \
     FROM tickets t JOIN tenants n ON n.id = t.tenant_id";

type Row = (
    i64,
    String,
    TicketCategory,
    TicketStatus,
    String,
    String,
    i64,
);

fn row(reader: Reader, r: Row) -> TicketRow {
    let (id, subject, category, status, instance, last, messages) = r;
    TicketRow {
        id,
        subject,
        category,
        status,
        instance,
        last_message_at: reader.when(&last),
        messages,
    }
}

/// Tenant `tenant_id`'s tickets, the latest message first.
pub async fn for_tenant(st: &AppState, tenant_id: i64, locale: Locale) -> Result<Vec<TicketRow>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{ROWS} WHERE t.tenant_id = $1 ORDER BY t.last_message_at DESC, t.id DESC LIMIT 200"
    ))
    .bind(tenant_id)
    .fetch_all(&st.pool)
    .await?;
    let reader = Reader::Tenant { tenant_id, locale };
    Ok(rows.into_iter().map(|r| row(reader, r)).collect())
}

/// The operator's queue: every tenant's tickets in `status` and `category` (`None`: any), the
/// one waiting longest first.
pub async fn queue(
    st: &AppState,
    status: Option<TicketStatus>,
    category: Option<TicketCategory>,
) -> Result<Vec<TicketRow>> {
    let mut filters = Vec::new();
    if status.is_some() {
        filters.push(format!("t.status = ${}", filters.len() + 1));
    }
    if category.is_some() {
        filters.push(format!("t.category = ${}", filters.len() + 1));
    }
    let filter = if filters.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", filters.join(" AND "))
    };
    let sql = format!("{ROWS}{filter} ORDER BY t.last_message_at, t.id LIMIT 500");
    let mut query = sqlx::query_as::<_, Row>(&sql);
    if let Some(s) = status {
        query = query.bind(s);
    }
    if let Some(c) = category {
        query = query.bind(c);
    }
    let rows = query.fetch_all(&st.pool).await?;
    Ok(rows.into_iter().map(|r| row(Reader::Operator, r)).collect())
}

/// Ticket `ticket_id` with its thread; another tenant's ticket is not found.
pub async fn thread(st: &AppState, ticket_id: i64, reader: Reader) -> Result<TicketView> {
    let head: Option<(i64, String, TicketCategory, TicketStatus, String, String)> = sqlx::query_as(
        "SELECT t.tenant_id, t.subject, t.category, t.status, n.name, t.created_at \
             FROM tickets t JOIN tenants n ON n.id = t.tenant_id WHERE t.id = $1",
    )
    .bind(ticket_id)
    .fetch_optional(&st.pool)
    .await?;
    let (tenant_id, subject, category, status, instance, opened) =
        head.ok_or(AppError::NotFound)?;
    if let Reader::Tenant { tenant_id: own, .. } = reader {
        if own != tenant_id {
            return Err(AppError::NotFound);
        }
    }
    let rows: Vec<(i64, TicketSide, String, String, String, String)> = sqlx::query_as(
        "SELECT m.id, m.author_side, u.full_name, u.email, m.body, m.created_at \
         FROM ticket_messages m JOIN users u ON u.id = m.author_id \
         WHERE m.ticket_id = $1 ORDER BY m.id",
    )
    .bind(ticket_id)
    .fetch_all(&st.pool)
    .await?;
    let messages = rows
        .into_iter()
        .map(|(id, side, name, email, body, at)| TicketMessageView {
            id,
            side,
            author: match (reader, side) {
                // The tenant hears from "support", not from a member of staff by name.
                (Reader::Tenant { .. }, TicketSide::Operator) => None,
                (Reader::Tenant { .. }, TicketSide::Tenant) => Some(name),
                (Reader::Operator, _) => Some(format!("{name} <{email}>")),
            },
            body,
            at: reader.when(&at),
        })
        .collect();
    Ok(TicketView {
        id: ticket_id,
        subject,
        category,
        status,
        instance,
        opened_at: reader.when(&opened),
        messages,
    })
}
