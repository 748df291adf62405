//! Pages, one folder per audience.
pub mod accounts;
pub mod auth;
pub mod operator;
pub mod password_resets;
pub mod portal;
pub mod storefront;
pub mod two_factor;

use leptos::prelude::*;

/// The page for unknown addresses (answers 404 on the server).
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <h1>{crate::i18n::t("not-found-heading")}</h1>
        <p><a href="/">{crate::i18n::t("not-found-back")}</a></p>
    }
}

/// Reads one query parameter as it was when the page loaded (used to refill forms without JS).
pub fn query_param(name: &str) -> Option<String> {
    leptos_router::hooks::use_query_map()
        .read_untracked()
        .get(name)
}
