//! The login page, shared by operators (storefront host) and tenant admins (instance host).
use crate::i18n::t;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::query_param;
use crate::api::auth::Login;
use crate::components::error_box::ErrorBox;

/// Email and password form; errors come from the action (hydrated) or the query (no JS).
#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let from_query = query_param("error");
    let error = Signal::derive(move || match login.value().get() {
        Some(Err(e)) => Some(e.to_string()),
        Some(Ok(_)) => None,
        None => from_query.clone(),
    });
    let email = query_param("email").unwrap_or_default();
    let reset = query_param("reset").is_some();
    let joined = query_param("joined").is_some();
    view! {
        <Title text=t("login-title") />
        <section class="card narrow">
            <h1>{t("login-heading")}</h1>
            <ErrorBox message=error />
            {reset.then(|| view! { <p class="success" role="status" data-field="reset">{t("reset-done")}</p> })}
            {joined.then(|| view! { <p class="success" role="status" data-field="joined">{t("invitation-done")}</p> })}
            <ActionForm action=login attr:class="form">
                <label>{t("login-email")} <input type="email" name="email" required autocomplete="username" value=email /></label>
                <label>{t("login-password")} <input type="password" name="password" required autocomplete="current-password" /></label>
                <button type="submit" class="primary" disabled=move || login.pending().get()>{t("login-submit")}</button>
            </ActionForm>
            <p><a href="/forgot-password">{t("reset-forgot-link")}</a></p>
        </section>
    }
}
