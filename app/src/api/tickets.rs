//! Support tickets: the tenant's admin opens them and replies in the portal (on the instance's
//! host); the operator works the queue, replies and closes (on the platform's). A plain form
//! post comes back to its page, with the error and what was typed when it fails.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::tickets::{OpenTicketForm, TicketMessageView, TicketRow, TicketView};

/// The longest text a failed plain form post gets back in its address (a longer one was refused
/// for its length anyway, and would make an address too long to follow).
#[cfg(feature = "ssr")]
fn back(value: &str) -> &str {
    if value.len() <= 4 * crate::domain::tickets::TicketBody::MAX {
        value
    } else {
        ""
    }
}

/// This instance's tickets, for its admin.
#[server]
pub async fn portal_tickets() -> Result<Vec<TicketRow>, AppError> {
    use crate::backend::{context, tickets};
    let result = async {
        let (st, tenant_id, _) = tickets::tenant_admin().await?;
        tickets::read::for_tenant(&st, tenant_id, context::request_locale()).await
    }
    .await;
    context::finish(result, None)
}

/// One of this instance's tickets with its thread, for its admin.
#[server]
pub async fn portal_ticket(ticket_id: i64) -> Result<TicketView, AppError> {
    use crate::backend::context;
    use crate::backend::tickets::{self, read::Reader};
    let result = async {
        let (st, tenant_id, _) = tickets::tenant_admin().await?;
        let locale = context::request_locale();
        tickets::read::thread(&st, ticket_id, Reader::Tenant { tenant_id, locale }).await
    }
    .await;
    context::finish(result, None)
}

/// Opens a ticket with its first message; returns its id (a plain form post goes to its page).
#[server]
pub async fn open_ticket(form: OpenTicketForm) -> Result<i64, AppError> {
    use crate::backend::{context, tickets};
    let result = async {
        let (st, tenant_id, admin) = tickets::tenant_admin().await?;
        let locale = context::request_locale();
        tickets::write::open(&st, tenant_id, &admin, &form, locale).await
    }
    .await;
    if let (Ok(id), true) = (&result, context::is_plain_form_post()) {
        leptos_axum::redirect(&format!("/portal/tickets/{id}"));
    }
    let fields = [
        ("form[subject]", back(&form.subject)),
        ("form[category]", back(&form.category)),
        ("form[body]", back(&form.body)),
    ];
    context::finish(result, Some(("/portal/tickets", &fields)))
}

/// The admin's reply on one of this instance's tickets.
#[server]
pub async fn reply_to_ticket(ticket_id: i64, body: String) -> Result<(), AppError> {
    use crate::backend::context;
    use crate::backend::tickets::{self, write::Writer};
    let result = async {
        let (st, tenant_id, user) = tickets::tenant_admin().await?;
        let writer = Writer::Tenant {
            tenant_id,
            user: &user,
        };
        let locale = context::request_locale();
        tickets::write::reply(&st, ticket_id, writer, &body, locale).await?;
        Ok(())
    }
    .await;
    let page = format!("/portal/tickets/{ticket_id}");
    context::finish(result, Some((&page, &[("body", back(&body))])))
}

/// The operator's queue: tickets in `status` and `category` ("" for any).
#[server]
pub async fn ticket_queue(status: String, category: String) -> Result<Vec<TicketRow>, AppError> {
    use crate::backend::context;
    use crate::backend::tickets::{input, read};
    context::as_operator(None, |st, _| async move {
        let status = input::filter(&status, "ticket status")?;
        let category = input::filter(&category, "ticket category")?;
        read::queue(&st, status, category).await
    })
    .await
}

/// Any ticket with its thread, for the operator.
#[server]
pub async fn operator_ticket(ticket_id: i64) -> Result<TicketView, AppError> {
    use crate::backend::context;
    use crate::backend::tickets::read::{self, Reader};
    context::as_operator(None, |st, _| async move {
        read::thread(&st, ticket_id, Reader::Operator).await
    })
    .await
}

/// The operator's reply; the ticket then waits on the customer.
#[server]
pub async fn answer_ticket(ticket_id: i64, body: String) -> Result<(), AppError> {
    use crate::backend::context;
    use crate::backend::tickets::write::{self, Writer};
    use crate::i18n::Locale;
    let page = format!("/operator/tickets/{ticket_id}");
    let typed = back(&body).to_string();
    let fields = [("body", typed.as_str())];
    context::as_operator(Some((&page, &fields)), |st, operator| async move {
        let writer = Writer::Operator(&operator);
        write::reply(&st, ticket_id, writer, &body, Locale::En).await?;
        Ok(())
    })
    .await
}

/// Closes a ticket (a new message from either side reopens it).
#[server]
pub async fn close_ticket(ticket_id: i64) -> Result<(), AppError> {
    use crate::backend::context;
    use crate::backend::tickets::write;
    let page = format!("/operator/tickets/{ticket_id}");
    context::as_operator(Some((&page, &[])), |st, operator| async move {
        write::close(&st, ticket_id, &operator).await
    })
    .await
}
