//! The catalog editors' shared pieces: the nav between them, hidden fields and status badges.
use leptos::prelude::*;

use crate::domain::PlanStatus;

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
        ("/operator/coupons", "Coupons"),
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

/// "Published" or "Draft", as a badge, in the words of a plan's status.
pub fn status_badge(published: bool) -> impl IntoView {
    let (class, status) = if published {
        ("badge active", PlanStatus::Published)
    } else {
        ("badge", PlanStatus::Draft)
    };
    view! { <span class=class>{status.label()}</span> }
}
