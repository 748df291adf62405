//! The frame around every page: a skip link, the header with the site's navigation (a menu on a
//! phone), the main column and the footer.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::auth::{me, Logout, UserView};
use crate::api::brand::{brand, BrandView};
use crate::api::language::SetLanguage;
use crate::domain::Role;
use crate::i18n::{locale, t, Locale};
use leptos::server_fn::ServerFn;

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
    let brand = Resource::new(|| (), |_| brand());
    view! {
        <a class="skip-link" href="#content">{t("nav-skip")}</a>
        <header class="site-header">
            <Transition fallback=|| view! { <a class="brand" href="/">"Tenantry"</a> }>
                {move || Suspend::new(async move { brand_link(brand.await.ok().flatten()) })}
            </Transition>
            <nav class="site-nav wide-only" aria-label=t("nav-site")>{links()}</nav>
            <details class="site-menu narrow-only">
                <summary>{t("nav-menu")}</summary>
                <nav class="site-nav" aria-label=t("nav-site-menu")>{links()}</nav>
            </details>
        </header>
        <main id="content" class="content" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <Transition fallback=|| view! { <p>{t("footer-tagline")}</p> }>
                {move || Suspend::new(async move { footer_line(brand.await.ok().flatten()) })}
            </Transition>
            <LanguageSwitcher />
        </footer>
    }
}

/// The header's home link: the platform's name, or on an instance its storefront's logo and name.
fn brand_link(brand: Option<BrandView>) -> AnyView {
    match brand {
        None => view! { <a class="brand" href="/">"Tenantry"</a> }.into_any(),
        Some(b) => view! {
            <a class="brand" href="/portal" data-brand=b.name.clone()>
                {(!b.logo_url.is_empty()).then(|| view! { <img class="brand-logo" src=b.logo_url.clone() alt="" /> })}
                {b.name.clone()}
            </a>
        }
        .into_any(),
    }
}

/// The footer's line: the platform's tagline, or on an instance its brand and support address.
fn footer_line(brand: Option<BrandView>) -> AnyView {
    match brand {
        None => view! { <p>{t("footer-tagline")}</p> }.into_any(),
        Some(b) => {
            let support = (!b.support_email.is_empty()).then(|| {
                let mail = format!("mailto:{}", b.support_email);
                view! { " \u{b7} " {t("footer-support")} " " <a href=mail>{b.support_email.clone()}</a> }
            });
            view! { <p data-field="brand-footer">{b.name.clone()}{support}</p> }.into_any()
        }
    }
}

/// Buttons for the other languages, in a plain form: the page reloads in the chosen one.
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let location = use_location();
    let back = move || {
        let search = location.search.get();
        if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{search}", location.pathname.get())
        }
    };
    let current = locale();
    let action = <SetLanguage as ServerFn>::PATH;
    view! {
        <form class="language-switcher" method="post" action=action>
            <input type="hidden" name="back" value=back />
            <span id="language-label">{t("footer-language")}</span>
            {Locale::ALL.into_iter().map(|l| {
                let here = l == current;
                view! {
                    <button type="submit" name="lang" value=l.tag() lang=l.tag() class="link"
                        aria-describedby="language-label" aria-current=here.then_some("true") disabled=here>
                        {l.name()}
                    </button>
                }
            }).collect_view()}
        </form>
    }
}

/// The links for a visitor, a tenant's user or the operator.
fn site_links(user: Option<UserView>, logout: ServerAction<Logout>) -> AnyView {
    let log_out = move || {
        view! {
            <ActionForm action=logout attr:class="logout">
                <button type="submit" class="link">{t("nav-log-out")}</button>
            </ActionForm>
        }
    };
    match user.map(|u| u.role) {
        None => view! {
            <a href="/">{t("nav-plans")}</a>
            <a href="/portal">{t("nav-my-instance")}</a>
            <a href="/login">{t("nav-log-in")}</a>
        }
        .into_any(),
        Some(Role::Operator) => view! {
            <a href="/">{t("nav-plans")}</a>
            <a href="/operator">{t("nav-operator")}</a>
            <a href="/account">{t("nav-password")}</a>
            {log_out()}
        }
        .into_any(),
        Some(Role::TenantAdmin) => view! {
            <a href="/portal">{t("nav-my-account")}</a>
            <a href="/portal/members">{t("nav-users")}</a>
            <a href="/portal/billing">{t("nav-billing")}</a>
            <a href="/portal/tickets">{t("nav-support")}</a>
            <a href="/account">{t("nav-password")}</a>
            {log_out()}
        }
        .into_any(),
        Some(Role::TenantBilling | Role::Customer) => view! {
            <a href="/portal">{t("nav-my-account")}</a>
            <a href="/portal/billing">{t("nav-billing")}</a>
            <a href="/account">{t("nav-password")}</a>
            {log_out()}
        }
        .into_any(),
        // A tenant's plain user has no portal, only their account.
        Some(Role::TenantUser) => view! {
            <a href="/account">{t("nav-password")}</a>
            {log_out()}
        }
        .into_any(),
    }
}
