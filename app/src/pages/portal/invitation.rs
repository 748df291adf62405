//! The page an invitation's link opens on the instance: who is invited to what, and the form
//! that sets the new member's name and password (a plain form post without JavaScript).
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::members::{open_invitation, AcceptInvitation, InvitationLanding};
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::i18n::{t, t_args};
use crate::pages::query_param;

/// Shows the invitation and asks for a name and a password.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let edits = Edits::new();
    let accept = edits.action::<AcceptInvitation, _>();
    let error = edits.error();
    let code = query_param("code").unwrap_or_default();
    let typed_name = query_param("full_name").unwrap_or_default();
    let landing = Resource::new(|| (), {
        let code = code.clone();
        move |_| open_invitation(code.clone())
    });
    let (code, typed_name) = (StoredValue::new(code), StoredValue::new(typed_name));
    view! {
        <Title text=t("invitation-title") />
        <section class="card narrow">
            <h1>{t("invitation-heading")}</h1>
            <ErrorBox message=error />
            <Loaded resource=landing show=move |l: InvitationLanding| view! {
                <p data-field="invited">{t_args("invitation-intro", &[
                    ("company", l.company.clone()),
                    ("role", t(&format!("role-{}", l.role.as_str()))),
                ])}</p>
                <ActionForm action=accept attr:class="form">
                    <input type="hidden" name="code" value=code.get_value() />
                    <label>{t("login-email")} <input type="email" value=l.email.clone() readonly autocomplete="username" /></label>
                    <label>{t("invitation-name")} <input name="full_name" required maxlength="200" autocomplete="name" value=typed_name.get_value() /></label>
                    <label>{t("invitation-password")} <input type="password" name="password" required minlength="10" maxlength="128" autocomplete="new-password" /></label>
                    <button type="submit" class="primary">{t("invitation-submit")}</button>
                </ActionForm>
            } />
        </section>
    }
}
