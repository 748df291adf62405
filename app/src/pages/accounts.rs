//! The logged-in user's own account (`/account`, on the platform and on an instance): who they
//! are, their two-factor sign-in (managed on its own page), and changing the password, which ends
//! the account's other sessions. Works without
//! JavaScript (a plain form post comes back here).
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use super::query_param;
use crate::api::accounts::{ChangePassword, UserView};
use crate::api::auth::me;
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::i18n::t;
use crate::pages::two_factor::summary::TwoFactorSummary;

/// The account page; a visitor who is not logged in is sent to the login.
#[component]
pub fn AccountPage() -> impl IntoView {
    let edits = Edits::new();
    let change = edits.action::<ChangePassword, _>();
    let user = Resource::new(|| (), |_| me());
    let error = edits.error();
    let changed_before = query_param("changed").is_some();
    let changed =
        Signal::derive(move || changed_before || matches!(change.value().get(), Some(Ok(()))));
    view! {
        <Title text=t("account-title") />
        <section class="card narrow">
            <h1>{t("account-heading")}</h1>
            <Suspense fallback=|| view! { <p>{t("loading")}</p> }>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(u)) => who(u).into_any(),
                        _ => view! { <Redirect path="/login" /> }.into_any(),
                    }
                })}
            </Suspense>
            <TwoFactorSummary />
            <h2>{t("account-password-heading")}</h2>
            <ErrorBox message=error />
            <p class="success" role="status" hidden=move || !changed.get() data-field="changed">{t("account-changed")}</p>
            <ActionForm action=change attr:class="form">
                <label>{t("account-current")} <input type="password" name="current_password" required autocomplete="current-password" /></label>
                <label>{t("account-new")} <input type="password" name="new_password" required minlength="10" maxlength="128" autocomplete="new-password" /></label>
                <button type="submit" class="primary">{t("account-submit")}</button>
            </ActionForm>
        </section>
    }
}

fn who(u: UserView) -> impl IntoView {
    view! {
        <dl class="facts" data-field="account">
            <dt>{t("account-name")}</dt><dd>{u.full_name}</dd>
            <dt>{t("login-email")}</dt><dd data-field="email">{u.email}</dd>
            <dt>{t("account-role")}</dt><dd>{u.role.label()}</dd>
        </dl>
    }
}
