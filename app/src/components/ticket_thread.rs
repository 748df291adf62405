//! A ticket's thread, the same on the portal and on the operator's page: who wrote each message
//! and when, and its text as a text node (escaped by the renderer, never markup), its line
//! breaks kept by CSS.
use leptos::prelude::*;

use crate::wire::tickets::TicketMessageView;

/// The messages, oldest first; `unnamed` names an author the reader is not told.
#[component]
pub fn TicketThread(
    messages: Vec<TicketMessageView>,
    #[prop(into)] unnamed: String,
) -> impl IntoView {
    view! {
        <ol class="ticket-thread">
            {messages.into_iter().map(|m| {
                let who = m.author.clone().unwrap_or_else(|| unnamed.clone());
                view! {
                    <li class=format!("ticket-message {}", m.side.as_str()) data-message=m.id.to_string()>
                        <p class="ticket-meta"><strong>{who}</strong>" \u{b7} "<span class="muted">{m.at}</span></p>
                        <div class="ticket-body">{m.body}</div>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
