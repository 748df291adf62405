//! The catalog editors' shared pieces: the nav between them, and reading an action's failure.
use leptos::prelude::*;

use crate::error::AppError;

/// Links between the catalog's editor pages.
#[component]
pub fn CatalogNav() -> impl IntoView {
    let links = [
        ("/operator/catalog", "Plans"),
        ("/operator/catalog/products", "Products"),
        ("/operator/catalog/modules", "Modules"),
        ("/operator/catalog/verticals", "Verticals"),
        ("/operator/catalog/resources", "Resources"),
        ("/operator/catalog/templates", "Templates"),
        ("/operator/catalog/addons", "Add-ons"),
        ("/operator/storefronts", "Storefronts"),
        ("/operator/tax-rates", "Tax rates"),
    ];
    view! {
        <nav class="row catalog-nav" aria-label="Catalog">
            {links.into_iter().map(|(href, label)| view! { <a href=href>{label}</a> }).collect_view()}
        </nav>
    }
}

/// The message of a finished action that failed, if it did.
pub fn failure(result: Option<Result<(), AppError>>) -> Option<String> {
    result.and_then(|r| r.err()).map(|e| e.to_string())
}

/// A hidden form field.
pub fn hidden(name: &'static str, value: String) -> impl IntoView {
    view! { <input type="hidden" name=name value=value /> }
}

/// "published" or "draft", as a badge.
pub fn status_badge(published: bool) -> impl IntoView {
    let (class, label) = if published {
        ("badge active", "published")
    } else {
        ("badge", "draft")
    };
    view! { <span class=class>{label}</span> }
}
