//! Links between the pages of a long list, as plain links (`?page=N`), so they work without
//! JavaScript.
use leptos::prelude::*;

use crate::i18n::{t, t_args};

/// How many rows a page of a long portal list shows.
pub const PAGE_SIZE: i64 = 50;

/// The page asked for in the address (1 when none or not a number).
pub fn asked_page() -> u32 {
    crate::pages::query_param("page")
        .and_then(|p| p.parse().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

/// "Page 2 of 20" with links to the previous and next pages of `path` (nothing for one page).
#[component]
pub fn Pager(
    /// The list's address, without the query.
    #[prop(into)]
    path: String,
    /// The page shown (1-based).
    page: u32,
    /// How many pages there are.
    pages: u32,
    /// Other parameters the links keep (`q=acme&state=active`), already encoded.
    #[prop(optional, into)]
    query: String,
) -> impl IntoView {
    (pages > 1).then(|| {
        let keep = if query.is_empty() { String::new() } else { format!("{query}&") };
        let prev = (page > 1).then(|| format!("{path}?{keep}page={}", page - 1));
        let next = (page < pages).then(|| format!("{path}?{keep}page={}", page + 1));
        view! {
            <nav class="pager" aria-label=t("pager-label")>
                {prev.map(|href| view! { <a href=href rel="prev">{t("pager-prev")}</a> })}
                <span>{t_args("pager-position", &[("page", page.to_string()), ("pages", pages.to_string())])}</span>
                {next.map(|href| view! { <a href=href rel="next">{t("pager-next")}</a> })}
            </nav>
        }
    })
}

/// Pages needed for `rows` rows.
pub fn pages_for(rows: i64) -> u32 {
    u32::try_from(((rows + PAGE_SIZE - 1) / PAGE_SIZE).max(1)).unwrap_or(u32::MAX)
}
