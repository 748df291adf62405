//! Opening a ticket, a message from either side, and closing: each one transaction. The other
//! side's mail goes after the commit; a mail that fails is logged and the message stays.
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use super::{input, mail, status};
use crate::backend::db::{begin, ts};
use crate::backend::state::AppState;
use crate::domain::tickets::{TicketBody, TicketEvent, TicketSide, TicketStatus};
use crate::domain::Actor;
use crate::error::{AppError, Result};
use crate::i18n::Locale;
use crate::wire::auth::UserView;
use crate::wire::tickets::OpenTicketForm;

/// Who writes: a tenant's admin (on that tenant's tickets only) or the operator (on any).
#[derive(Debug, Clone, Copy)]
pub enum Writer<'a> {
    /// The admin `user` of tenant `tenant_id`.
    Tenant {
        /// The tenant whose tickets they may write on.
        tenant_id: i64,
        /// The admin.
        user: &'a UserView,
    },
    /// The operator.
    Operator(&'a UserView),
}

impl Writer<'_> {
    fn side(self) -> TicketSide {
        match self {
            Writer::Tenant { .. } => TicketSide::Tenant,
            Writer::Operator(_) => TicketSide::Operator,
        }
    }

    fn actor(self) -> Actor {
        match self {
            Writer::Tenant { user, .. } => Actor::Customer(user.email.clone()),
            Writer::Operator(user) => Actor::Operator(user.email.clone()),
        }
    }

    fn author_id(self) -> i64 {
        match self {
            Writer::Tenant { user, .. } | Writer::Operator(user) => user.id,
        }
    }

    fn tenant_id(self) -> Option<i64> {
        match self {
            Writer::Tenant { tenant_id, .. } => Some(tenant_id),
            Writer::Operator(_) => None,
        }
    }
}

/// A ticket whose row this transaction holds.
pub struct Claimed {
    pub id: i64,
    pub status: TicketStatus,
    pub tenant_id: i64,
    pub subject: String,
}

/// Locks ticket `id` for this transaction (SQLite's `BEGIN IMMEDIATE` already holds the whole
/// database), so the status read is the one the change applies to and writers at once queue up
/// instead of failing. A tenant's writer finds only its own tenant's tickets; a message also
/// moves `last_message_at`.
async fn claim(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    id: i64,
    writer: Writer<'_>,
    message: bool,
) -> Result<Claimed> {
    let set = if message {
        "updated_at = $1, last_message_at = $1"
    } else {
        "updated_at = $1"
    };
    let scope = match writer.tenant_id() {
        Some(_) => " AND tenant_id = $3",
        None => "",
    };
    let sql = format!(
        "UPDATE tickets SET {set} WHERE id = $2{scope} RETURNING status, tenant_id, subject"
    );
    let query = sqlx::query_as::<_, (TicketStatus, i64, String)>(&sql)
        .bind(ts(now))
        .bind(id);
    let query = match writer.tenant_id() {
        Some(tenant_id) => query.bind(tenant_id),
        None => query,
    };
    let (status, tenant_id, subject) = query
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Claimed {
        id,
        status,
        tenant_id,
        subject,
    })
}

async fn insert_message(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    ticket_id: i64,
    writer: Writer<'_>,
    body: &TicketBody,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO ticket_messages (ticket_id, author_id, author_side, body, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(ticket_id)
    .bind(writer.author_id())
    .bind(writer.side())
    .bind(body.as_str())
    .bind(ts(now))
    .execute(conn)
    .await?;
    Ok(())
}

/// Opens a ticket of tenant `tenant_id` by its admin `admin`, with its first message; returns
/// its id. Bad input is refused naming its field, and nothing is stored.
pub async fn open(
    st: &AppState,
    tenant_id: i64,
    admin: &UserView,
    form: &OpenTicketForm,
    locale: Locale,
) -> Result<i64> {
    let new = input::new_ticket(form, locale)?;
    let writer = Writer::Tenant {
        tenant_id,
        user: admin,
    };
    let now = st.now();
    let mut tx = begin(&st.pool).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO tickets (tenant_id, subject, category, status, opened_by, created_at, updated_at, last_message_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6, $6) RETURNING id",
    )
    .bind(tenant_id)
    .bind(new.subject.as_str())
    .bind(new.category)
    .bind(TicketStatus::Open)
    .bind(admin.id)
    .bind(ts(now))
    .fetch_one(&mut *tx)
    .await?;
    status::record_opened(&mut tx, now, id, &writer.actor()).await?;
    insert_message(&mut tx, now, id, writer, &new.body).await?;
    tx.commit().await?;
    let ticket = Claimed {
        id,
        status: TicketStatus::Open,
        tenant_id,
        subject: new.subject.as_str().to_string(),
    };
    mail::message(st, &ticket, TicketSide::Tenant, new.body.as_str()).await;
    Ok(id)
}

/// Adds `writer`'s message to ticket `ticket_id` and moves its status for the other side;
/// returns the new status. A ticket of another tenant is not found.
pub async fn reply(
    st: &AppState,
    ticket_id: i64,
    writer: Writer<'_>,
    body: &str,
    locale: Locale,
) -> Result<TicketStatus> {
    let body = input::body(body, locale)?;
    let now = st.now();
    let mut tx = begin(&st.pool).await?;
    let ticket = claim(&mut tx, now, ticket_id, writer, true).await?;
    let event = writer.side().message();
    let to = status::apply(
        &mut tx,
        now,
        ticket_id,
        ticket.status,
        event,
        &writer.actor(),
    )
    .await?;
    insert_message(&mut tx, now, ticket_id, writer, &body).await?;
    tx.commit().await?;
    mail::message(st, &ticket, writer.side(), body.as_str()).await;
    Ok(to)
}

/// Closes ticket `ticket_id` for the operator; a closed ticket is refused.
pub async fn close(st: &AppState, ticket_id: i64, operator: &UserView) -> Result<()> {
    let now = st.now();
    let writer = Writer::Operator(operator);
    let mut tx = begin(&st.pool).await?;
    let ticket = claim(&mut tx, now, ticket_id, writer, false).await?;
    let actor = writer.actor();
    status::apply(
        &mut tx,
        now,
        ticket_id,
        ticket.status,
        TicketEvent::Close,
        &actor,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
