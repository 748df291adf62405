//! The frame around every page: a skip link, the header with the site's navigation (a menu on a
//! phone), the main column and the footer.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::auth::{me, Logout, UserView};
use crate::domain::Role;

/// Wraps a page in the site's header and footer. Who is logged in is read on the server (and again
/// after each navigation, which is how a login or logout shows in the header).
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let location = use_location();
    let user = Resource::new(move || location.pathname.get(), |_| me());
    let logout = ServerAction::<Logout>::new();
    // The same links twice: in the header on a wide screen, in a disclosure ("Menu") on a phone.
    // CSS shows one of the two (`display: none` hides the other from assistive technology too).
    let links = move || {
        view! {
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    site_links(user.await.ok().flatten(), logout)
                })}
            </Transition>
        }
    };
    view! {
        <a class="skip-link" href="#content">"Skip to content"</a>
        <header class="site-header">
            <a class="brand" href="/">"Tenantry"</a>
            <nav class="site-nav wide-only" aria-label="Site">{links()}</nav>
            <details class="site-menu narrow-only">
                <summary>"Menu"</summary>
                <nav class="site-nav" aria-label="Site menu">{links()}</nav>
            </details>
        </header>
        <main id="content" class="content" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>"Tenantry \u{2014} run your SaaS business end to end."</p>
        </footer>
    }
}

/// The links for a visitor, a tenant's user or the operator.
fn site_links(user: Option<UserView>, logout: ServerAction<Logout>) -> AnyView {
    let log_out = move || {
        view! {
            <ActionForm action=logout attr:class="logout">
                <button type="submit" class="link">"Log out"</button>
            </ActionForm>
        }
    };
    match user.map(|u| u.role) {
        None => view! {
            <a href="/">"Plans"</a>
            <a href="/portal">"My instance"</a>
            <a href="/login">"Log in"</a>
        }
        .into_any(),
        Some(Role::Operator) => view! {
            <a href="/">"Plans"</a>
            <a href="/operator">"Operator"</a>
            {log_out()}
        }
        .into_any(),
        Some(_) => view! {
            <a href="/portal">"My account"</a>
            {log_out()}
        }
        .into_any(),
    }
}
