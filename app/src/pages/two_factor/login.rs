//! The login's second step: the code from the app, or a recovery code.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::super::query_param;
use crate::api::two_factor::LoginTwoFactor;
use crate::components::error_box::ErrorBox;
use crate::i18n::t;

/// Asks the session waiting after the password for its code; errors come from the action
/// (hydrated) or the query (no JS).
#[component]
pub fn TwoFactorLoginPage() -> impl IntoView {
    let login = ServerAction::<LoginTwoFactor>::new();
    let from_query = query_param("error");
    let error = Signal::derive(move || match login.value().get() {
        Some(Err(e)) => Some(e.to_string()),
        Some(Ok(_)) => None,
        None => from_query.clone(),
    });
    view! {
        <Title text=t("two-factor-login-title") />
        <section class="card narrow">
            <h1>{t("two-factor-login-heading")}</h1>
            <ErrorBox message=error />
            <p>{t("two-factor-login-intro")}</p>
            <ActionForm action=login attr:class="form">
                <label>{t("two-factor-login-code")} <input type="text" name="code" required maxlength="20" autocomplete="one-time-code" autofocus /></label>
                <button type="submit" class="primary" disabled=move || login.pending().get()>{t("two-factor-login-submit")}</button>
            </ActionForm>
            <p><a href="/login">{t("two-factor-login-back")}</a></p>
        </section>
    }
}
