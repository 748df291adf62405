//! The catalog editors' shared pieces: the nav between them, hidden fields and status badges.
use leptos::prelude::*;

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
