//! The portal's support tickets: the instance's tickets and the form that opens one, and one
//! ticket's thread with the reply form. Plain form posts, so both work without JavaScript; a
//! refused post comes back with its error and what was typed.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::tickets::{
    portal_ticket, portal_tickets, OpenTicket, ReplyToTicket, TicketRow, TicketView,
};
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::table_box::{rows_or, TableBox};
use crate::components::ticket_thread::TicketThread;
use crate::domain::tickets::{TicketBody, TicketCategory, TicketStatus, TicketSubject};
use crate::error::AppError;
use crate::i18n::{t, t_args};
use crate::pages::query_param;

fn status_label(s: TicketStatus) -> String {
    t(&format!("ticket-status-{}", s.as_str()))
}

fn category_label(c: TicketCategory) -> String {
    t(&format!("ticket-category-{}", c.as_str()))
}

/// The instance's tickets and the form that opens one, for its admin.
#[component]
pub fn TicketsPage() -> impl IntoView {
    let open = ServerAction::<OpenTicket>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = open.value().get() {
            navigate(&format!("/portal/tickets/{id}"), Default::default());
        }
    });
    let list = Resource::new(|| (), |_| portal_tickets());
    let from_query = query_param("error");
    let error = Signal::derive(move || match open.value().get() {
        Some(Err(e)) => Some(e.to_string()),
        _ => from_query.clone(),
    });
    view! {
        <Title text=t("ticket-list-title") />
        <section class="card">
            <h1>{t("ticket-list-heading")}</h1>
            <p class="muted">{t("ticket-list-intro")}</p>
            <Loaded resource=list show={move |rows| tickets_view(rows, open, error)} />
        </section>
    }
}

fn tickets_view(
    rows: Vec<TicketRow>,
    open: ServerAction<OpenTicket>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let subject = query_param("form[subject]").unwrap_or_default();
    let chosen = query_param("form[category]").unwrap_or_default();
    let body = query_param("form[body]").unwrap_or_default();
    let list = rows_or(rows, t("ticket-none"), |rows| {
        view! {
            <TableBox label=t("ticket-list-heading")>
            <table class="table tickets">
                <thead><tr><th>{t("ticket-subject")}</th><th>{t("ticket-category")}</th><th>{t("ticket-status")}</th><th>{t("ticket-last-message")}</th><th class="num">{t("ticket-messages")}</th></tr></thead>
                <tbody>{rows.into_iter().map(|r| view! {
                    <tr data-ticket=r.id.to_string()>
                        <td><a href=format!("/portal/tickets/{}", r.id)>{r.subject}</a></td>
                        <td>{category_label(r.category)}</td>
                        <td><span class=format!("badge {}", r.status.as_str())>{status_label(r.status)}</span></td>
                        <td>{r.last_message_at}</td>
                        <td class="num">{r.messages}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
            </TableBox>
        }
    });
    view! {
        {list}
        <h2>{t("ticket-open-heading")}</h2>
        <ErrorBox message=error />
        <ActionForm action=open attr:class="form ticket-form">
            <label>{t("ticket-subject")}
                <input name="form[subject]" required maxlength=TicketSubject::MAX.to_string() value=subject />
            </label>
            <label>{t("ticket-category")}
                <select name="form[category]">
                    {TicketCategory::ALL.into_iter().map(|c| view! {
                        <option value=c.as_str() selected=chosen == c.as_str()>{category_label(c)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{t("ticket-message")}
                <textarea name="form[body]" required rows="8" maxlength=TicketBody::MAX.to_string()>{body}</textarea>
            </label>
            <button type="submit" class="primary">{t("ticket-open-submit")}</button>
        </ActionForm>
    }
}

/// One ticket's thread and the reply form, for the instance's admin.
#[component]
pub fn TicketPage() -> impl IntoView {
    let params = use_params_map();
    let edits = Edits::new();
    let reply = edits.action::<ReplyToTicket, _>();
    let data = Resource::new(
        move || {
            let id = params.read().get("id").and_then(|v| v.parse::<i64>().ok());
            (id, edits.version())
        },
        |(id, _)| async move {
            let Some(id) = id else {
                return Err(AppError::NotFound);
            };
            let ticket = portal_ticket(id).await?;
            // The operator's replies are signed by the instance's brand (white label).
            let brand = crate::api::brand::brand().await.ok().flatten();
            Ok((
                ticket,
                brand.map_or_else(|| "Tenantry".to_string(), |b| b.name),
            ))
        },
    );
    let error = edits.error();
    view! {
        <Title text=t("ticket-title") />
        <section class="card">
            <p><a href="/portal/tickets">{t("ticket-back")}</a></p>
            <Loaded resource=data show={move |(v, brand)| ticket_view(v, &brand, reply, error)} />
        </section>
    }
}

fn ticket_view(
    v: TicketView,
    brand: &str,
    reply: ServerAction<ReplyToTicket>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let typed = query_param("body").unwrap_or_default();
    let closed = v.status == TicketStatus::Closed;
    view! {
        <h1 data-field="subject">{v.subject}</h1>
        <p>
            <span class=format!("badge {}", v.status.as_str()) data-field="status">{status_label(v.status)}</span>
            " " {category_label(v.category)} " \u{b7} "
            <span class="muted">{t_args("ticket-opened", &[("date", v.opened_at)])}</span>
        </p>
        <TicketThread messages=v.messages unnamed=t_args("ticket-support", &[("brand", brand.to_string())]) />
        <h2>{t("ticket-reply-heading")}</h2>
        {closed.then(|| view! { <p class="muted">{t("ticket-reply-closed")}</p> })}
        <ErrorBox message=error />
        <ActionForm action=reply attr:class="form ticket-form">
            <input type="hidden" name="ticket_id" value=v.id.to_string() />
            <label>{t("ticket-message")}
                <textarea name="body" required rows="6" maxlength=TicketBody::MAX.to_string()>{typed}</textarea>
            </label>
            <button type="submit" class="primary">{t("ticket-reply-submit")}</button>
        </ActionForm>
    }
}
