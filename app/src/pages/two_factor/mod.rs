//! Two-factor sign-in: the account's page to set it up and manage it (`/account/two-factor`), its
//! summary on the account page, and the login's second step (`/login/two-factor`). Every form is
//! a plain form post too, and the QR code is drawn on the server, so all of it works without
//! JavaScript.
pub mod login;
pub mod summary;

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::query_param;
use crate::api::two_factor::{
    two_factor_status, ConfirmTwoFactor, DisableTwoFactor, RenewRecoveryCodes, RequireTwoFactor,
    StartTwoFactor, TwoFactorView,
};
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::domain::two_factor::TwoFactorState;
use crate::error::AppError;
use crate::i18n::{t, t_args};
use crate::wire::two_factor::Enrolment;

/// The page's forms.
#[derive(Clone, Copy)]
struct Actions {
    start: ServerAction<StartTwoFactor>,
    confirm: ServerAction<ConfirmTwoFactor>,
    renew: ServerAction<RenewRecoveryCodes>,
    disable: ServerAction<DisableTwoFactor>,
    require: ServerAction<RequireTwoFactor>,
}

/// What the page says after its last success, and the recovery codes it shows this once.
#[derive(Clone, Copy)]
struct Shown {
    notice: RwSignal<Option<&'static str>>,
    codes: RwSignal<Vec<String>>,
}

/// Calls `f` with the output of each success of `action`, in the browser.
fn on_success<A, O>(action: ServerAction<A>, f: impl Fn(O) + 'static)
where
    A: ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if let Some(Ok(out)) = action.value().get() {
            f(out);
        }
    });
}

/// The first of the page's notices the query names (a plain form post came back with it).
fn notice_from_query() -> Option<&'static str> {
    [
        ("enabled", "two-factor-enabled"),
        ("renewed", "two-factor-renewed"),
        ("disabled", "two-factor-disabled"),
        ("saved", "two-factor-saved"),
    ]
    .into_iter()
    .find(|(param, _)| query_param(param).is_some())
    .map(|(_, key)| key)
}

/// Sets up, shows and turns off the logged-in account's two-factor sign-in.
#[component]
pub fn TwoFactorPage() -> impl IntoView {
    let edits = Edits::new();
    let a = Actions {
        start: edits.action::<StartTwoFactor, _>(),
        confirm: edits.action::<ConfirmTwoFactor, _>(),
        renew: edits.action::<RenewRecoveryCodes, _>(),
        disable: edits.action::<DisableTwoFactor, _>(),
        require: edits.action::<RequireTwoFactor, _>(),
    };
    let shown = Shown {
        notice: RwSignal::new(notice_from_query()),
        codes: RwSignal::new(Vec::new()),
    };
    on_success(a.start, move |()| shown.notice.set(None));
    on_success(a.confirm, move |codes| {
        shown.notice.set(Some("two-factor-enabled"));
        shown.codes.set(codes);
    });
    on_success(a.renew, move |codes| {
        shown.notice.set(Some("two-factor-renewed"));
        shown.codes.set(codes);
    });
    on_success(a.disable, move |()| {
        shown.notice.set(Some("two-factor-disabled"));
        shown.codes.set(Vec::new());
    });
    on_success(a.require, move |()| {
        shown.notice.set(Some("two-factor-saved"))
    });
    let error = edits.error();
    let page = Resource::new(move || edits.version(), |_| two_factor_status());
    view! {
        <Title text=t("two-factor-title") />
        <section class="card narrow">
            <h1>{t("two-factor-heading")}</h1>
            <ErrorBox message=error />
            {move || shown.notice.get().map(|key| view! {
                <p class="success" role="status" data-field="notice">{t(key)}</p>
            })}
            <Loaded resource=page show=move |v| state_view(v, a, shown) />
            <p><a href="/account">{t("two-factor-back")}</a></p>
        </section>
    }
}

fn state_view(v: TwoFactorView, a: Actions, shown: Shown) -> impl IntoView {
    let must_enrol =
        v.is_operator && v.required_for_operators && v.state != Some(TwoFactorState::Enabled);
    let body = match (v.state, v.enrolment.clone()) {
        (Some(TwoFactorState::Enabled), _) => enabled_view(&v, a, shown).into_any(),
        (Some(TwoFactorState::Pending), Some(e)) => pending_view(e, a).into_any(),
        _ => view! {
            <p data-field="state">{t("two-factor-off")}</p>
            <p>{t("two-factor-intro")}</p>
            <ActionForm action=a.start attr:class="form">
                <button type="submit" class="primary">{t("two-factor-start")}</button>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        {must_enrol.then(|| view! { <p class="notice" role="status" data-field="must-enrol">{t("two-factor-must-enrol")}</p> })}
        {body}
        {v.is_operator.then(|| operators_view(v.required_for_operators, a))}
    }
}

fn pending_view(e: Enrolment, a: Actions) -> impl IntoView {
    view! {
        <p>{t("two-factor-scan")}</p>
        <div class="qr" role="img" aria-label=t("two-factor-qr-label") data-field="qr" inner_html=e.qr_svg></div>
        <p>{t("two-factor-key")} ": " <code data-field="secret">{e.secret}</code></p>
        <ActionForm action=a.confirm attr:class="form">
            <label>{t("two-factor-code")} <input type="text" name="code" required inputmode="numeric" pattern="[0-9 ]{6,7}" maxlength="7" autocomplete="one-time-code" /></label>
            <button type="submit" class="primary">{t("two-factor-confirm")}</button>
        </ActionForm>
        <ActionForm action=a.start attr:class="form">
            <button type="submit">{t("two-factor-restart")}</button>
        </ActionForm>
    }
}

fn enabled_view(v: &TwoFactorView, a: Actions, shown: Shown) -> impl IntoView {
    let from_post = v.fresh_codes.clone();
    let codes = move || {
        let codes = shown.codes.get();
        if codes.is_empty() {
            from_post.clone()
        } else {
            codes
        }
    };
    view! {
        <p data-field="state">{t("two-factor-on")}</p>
        <p data-field="codes-left">{t_args("two-factor-codes-left", &[("count", v.recovery_codes_left.to_string())])}</p>
        {move || {
            let codes = codes();
            (!codes.is_empty()).then(|| view! {
                <h2>{t("two-factor-fresh-heading")}</h2>
                <p>{t("two-factor-fresh-intro")}</p>
                <ol class="recovery-codes" data-field="recovery-codes">
                    {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
                </ol>
            })
        }}
        <h2>{t("two-factor-renew-heading")}</h2>
        <ActionForm action=a.renew attr:class="form">
            {proof_field()}
            <button type="submit">{t("two-factor-renew")}</button>
        </ActionForm>
        <h2>{t("two-factor-disable-heading")}</h2>
        <ActionForm action=a.disable attr:class="form">
            {proof_field()}
            <button type="submit" class="danger">{t("two-factor-disable")}</button>
        </ActionForm>
    }
}

fn proof_field() -> impl IntoView {
    view! {
        <label>{t("two-factor-proof")} <input type="password" name="proof" required autocomplete="current-password" /></label>
    }
}

fn operators_view(required: bool, a: Actions) -> impl IntoView {
    view! {
        <h2>{t("two-factor-operators-heading")}</h2>
        <ActionForm action=a.require attr:class="form">
            <label class="check"><input type="checkbox" name="required" value="on" checked=required data-field="required" /> {t("two-factor-required")}</label>
            <button type="submit">{t("two-factor-save")}</button>
        </ActionForm>
    }
}
