//! Forgotten passwords: the page that asks for a reset link, and the page the link opens to set
//! a new password. Both work without JavaScript (plain form posts).
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::query_param;
use crate::api::password_resets::{RequestPasswordReset, ResetPassword};
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::i18n::t;

/// Asks for a reset link by email.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let edits = Edits::new();
    let request = edits.action::<RequestPasswordReset, _>();
    let error = edits.error();
    let sent_before = query_param("sent").is_some();
    let sent = Signal::derive(move || sent_before || matches!(request.value().get(), Some(Ok(()))));
    let email = query_param("email").unwrap_or_default();
    view! {
        <Title text=t("reset-title") />
        <section class="card narrow">
            <h1>{t("reset-heading")}</h1>
            <ErrorBox message=error />
            <p class="success" role="status" hidden=move || !sent.get() data-field="sent">{t("reset-sent")}</p>
            <p>{t("reset-intro")}</p>
            <ActionForm action=request attr:class="form">
                <label>{t("login-email")} <input type="email" name="email" required autocomplete="username" value=email /></label>
                <button type="submit" class="primary">{t("reset-submit")}</button>
            </ActionForm>
            <p><a href="/login">{t("reset-back")}</a></p>
        </section>
    }
}

/// Sets a new password with the link's code.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let edits = Edits::new();
    let reset = edits.action::<ResetPassword, _>();
    let error = edits.error();
    let code = query_param("code").unwrap_or_default();
    view! {
        <Title text=t("reset-new-title") />
        <section class="card narrow">
            <h1>{t("reset-new-heading")}</h1>
            <ErrorBox message=error />
            <ActionForm action=reset attr:class="form">
                <input type="hidden" name="code" value=code />
                <label>{t("reset-new-password")} <input type="password" name="password" required minlength="10" maxlength="128" autocomplete="new-password" /></label>
                <button type="submit" class="primary">{t("reset-new-submit")}</button>
            </ActionForm>
            <p><a href="/forgot-password">{t("reset-new-again")}</a></p>
        </section>
    }
}
