//! The events feed: the newest orders, lifecycle, billing and health events.
use leptos::prelude::*;

use crate::wire::dashboard::FeedItem;

/// The feed, newest first; a polite live region, so a screen reader hears what arrives.
pub fn list(items: Vec<FeedItem>) -> impl IntoView {
    view! {
        <section class="dash-section feed" aria-labelledby="feed-h">
            <h2 id="feed-h">"Latest events"</h2>
            {if items.is_empty() {
                view! { <p class="muted empty">"Nothing has happened yet."</p> }.into_any()
            } else {
                view! {
                    <ol class="feed-list" aria-live="polite">
                        {items.into_iter().map(|i| view! {
                            <li data-feed=format!("{:?}", i.kind)>
                                <span class="muted">{i.at}</span>" "
                                <span class="badge">{i.kind.label()}</span>" "
                                <a href=i.href>{i.text}</a>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}
