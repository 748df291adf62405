//! What needs the operator, newest first.
use leptos::prelude::*;

use crate::wire::dashboard::ActionItem;

/// The action list, or a line saying there is nothing to do.
pub fn list(items: Vec<ActionItem>) -> impl IntoView {
    let count = items.len();
    view! {
        <section class="dash-section actions" aria-labelledby="actions-h">
            <h2 id="actions-h">"Action needed" <span class="count" data-count="actions">{count}</span></h2>
            {if items.is_empty() {
                view! { <p class="muted empty">"Nothing needs you now: orders to approve, failed set-ups, overdue invoices and tenants in critical health appear here."</p> }.into_any()
            } else {
                view! {
                    <ul class="action-list">
                        {items.into_iter().map(|i| view! {
                            <li data-action=format!("{:?}", i.kind)>
                                <span class=format!("badge action-{:?}", i.kind).to_lowercase()>{i.kind.label()}</span>
                                " "<a href=i.href>{i.subject}</a>
                                <span class="muted">{format!(" \u{2014} {} \u{b7} {}", i.detail, i.since)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
