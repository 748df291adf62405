//! The operator's support tickets: the queue, filtered by status and category with a plain GET
//! form (open tickets first, so it works without JavaScript), and one ticket's thread with the
//! reply and close forms.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::tickets::{
    operator_ticket, ticket_queue, AnswerTicket, CloseTicket, TicketRow, TicketView,
};
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::table_box::{rows_or, TableBox};
use crate::components::ticket_thread::TicketThread;
use crate::domain::tickets::{TicketBody, TicketCategory, TicketStatus};
use crate::error::AppError;
use crate::pages::query_param;

/// The queue, for operators.
#[component]
pub fn TicketQueuePage() -> impl IntoView {
    let query = use_query_map();
    // No status asked: the tickets waiting for the operator.
    let status = move || query.read().get("status").unwrap_or_else(|| "open".into());
    let category = move || query.read().get("category").unwrap_or_default();
    let rows = Resource::new(move || (status(), category()), |(s, c)| ticket_queue(s, c));
    view! {
        <Title text="Support tickets \u{2014} Tenantry" />
        <section class="card wide">
            <h1>"Support tickets"</h1>
            <form method="get" action="/operator/tickets" class="ticket-filters">
                <label>"Status"
                    <select name="status">
                        {TicketStatus::ALL.into_iter().map(|s| (s.as_str(), s.label())).chain([("", "Any")]).map(|(code, label)| view! {
                            <option value=code selected=move || status() == code>{label}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"Category"
                    <select name="category">
                        {[("", "Any")].into_iter().chain(TicketCategory::ALL.into_iter().map(|c| (c.as_str(), c.label()))).map(|(code, label)| view! {
                            <option value=code selected=move || category() == code>{label}</option>
                        }).collect_view()}
                    </select>
                </label>
                <button type="submit">"Show"</button>
            </form>
            <Loaded resource=rows show=queue />
        </section>
    }
}

fn queue(rows: Vec<TicketRow>) -> impl IntoView {
    rows_or(
        rows,
        "No tickets here: tickets tenants open in their portal appear here.",
        |rows| {
            view! {
                <TableBox label="Support tickets">
                <table class="table tickets">
                    <thead><tr><th>"Subject"</th><th>"Instance"</th><th>"Category"</th><th>"Status"</th><th>"Last message (UTC)"</th><th class="num">"Messages"</th></tr></thead>
                    <tbody>{rows.into_iter().map(|r| view! {
                        <tr data-ticket=r.id.to_string()>
                            <td><a href=format!("/operator/tickets/{}", r.id)>{r.subject}</a></td>
                            <td>{r.instance}</td>
                            <td>{r.category.label()}</td>
                            <td><span class=format!("badge {}", r.status.as_str())>{r.status.label()}</span></td>
                            <td>{r.last_message_at}</td>
                            <td class="num">{r.messages}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
                </TableBox>
            }
        },
    )
}

/// One ticket, for operators: its thread, a reply, and closing it.
#[component]
pub fn OperatorTicketPage() -> impl IntoView {
    let params = use_params_map();
    let edits = Edits::new();
    let answer = edits.action::<AnswerTicket, _>();
    let close = edits.action::<CloseTicket, _>();
    let data = Resource::new(
        move || {
            let id = params.read().get("id").and_then(|v| v.parse::<i64>().ok());
            (id, edits.version())
        },
        |(id, _)| async move {
            match id {
                Some(id) => operator_ticket(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let error = edits.error();
    view! {
        <Title text="Support ticket \u{2014} Tenantry" />
        <section class="card wide">
            <div class="row"><h1>"Support ticket"</h1><a href="/operator/tickets">"All tickets"</a></div>
            <ErrorBox message=error />
            <Loaded resource=data show={move |v| ticket_view(v, answer, close)} />
        </section>
    }
}

fn ticket_view(
    v: TicketView,
    answer: ServerAction<AnswerTicket>,
    close: ServerAction<CloseTicket>,
) -> impl IntoView {
    let typed = query_param("body").unwrap_or_default();
    let id = v.id.to_string();
    let closing = (v.status != TicketStatus::Closed).then(|| {
        let id = id.clone();
        view! {
            <ActionForm action=close attr:class="form">
                <input type="hidden" name="ticket_id" value=id />
                <button type="submit">"Close the ticket"</button>
            </ActionForm>
        }
    });
    view! {
        <h2 data-field="subject">{v.subject}</h2>
        <dl class="facts">
            <dt>"Instance"</dt><dd>{v.instance}</dd>
            <dt>"Category"</dt><dd>{v.category.label()}</dd>
            <dt>"Status"</dt><dd><span class=format!("badge {}", v.status.as_str()) data-field="status">{v.status.label()}</span></dd>
            <dt>"Opened (UTC)"</dt><dd>{v.opened_at}</dd>
        </dl>
        <TicketThread messages=v.messages unnamed="Support" />
        <ActionForm action=answer attr:class="form ticket-form">
            <input type="hidden" name="ticket_id" value=id />
            <label>"Reply (mailed to the tenant's admins)"
                <textarea name="body" required rows="6" maxlength=TicketBody::MAX.to_string()>{typed}</textarea>
            </label>
            <button type="submit" class="primary">"Send the reply"</button>
        </ActionForm>
        {closing}
    }
}
