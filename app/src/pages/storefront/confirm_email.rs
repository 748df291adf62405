//! The page a trial's confirmation mail links to: one button that confirms the address and starts
//! the trial. Opening the link changes nothing by itself (mail scanners open links too); the
//! button posts, with or without JavaScript.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::orders::ConfirmTrialEmail;
use crate::components::error_box::ErrorBox;
use crate::i18n::t;
use crate::pages::query_param;

/// Confirms a free trial's email address with the code from the mail.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let confirm = ServerAction::<ConfirmTrialEmail>::new();
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let code = query_param("code").unwrap_or_default();
    let from_query = query_param("error");
    let error = Signal::derive(move || match confirm.value().get() {
        Some(Err(e)) => Some(e.to_string()),
        Some(Ok(())) => None,
        None => from_query.clone(),
    });
    view! {
        <Title text=t("confirm-title") />
        <section class="card narrow">
            <h1>{t("confirm-heading")}</h1>
            <p>{t("confirm-text")}</p>
            <ErrorBox message=error />
            <ActionForm action=confirm attr:class="form">
                <input type="hidden" name="token" value=token />
                <input type="hidden" name="code" value=code />
                <button type="submit" class="primary" disabled=move || confirm.pending().get()>{t("confirm-button")}</button>
            </ActionForm>
        </section>
    }
}
