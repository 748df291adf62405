//! The frame around every page: header with navigation, main column, footer.
use leptos::prelude::*;

/// Wraps a page in the site's header and footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <header class="site-header">
            <a class="brand" href="/">"Tenantry"</a>
            <nav>
                <a href="/">"Plans"</a>
                <a href="/portal">"My instance"</a>
                <a href="/operator">"Operator"</a>
                <a href="/login">"Log in"</a>
            </nav>
        </header>
        <main class="content">{children()}</main>
        <footer class="site-footer">"Tenantry \u{2014} run your SaaS business end to end."</footer>
    }
}
