//! The portal's overview: plan, state, modules and the instance's users. On the storefront's
//! address, where no instance is, `/portal` ("My instance") asks which instance and sends there.
use crate::i18n::{t, t_args};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::portal::{portal_home, portal_overview, PortalLanding, PortalView};
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::table_box::{rows_or, TableBox};
use crate::pages::query_param;

/// Shows the instance to its admin; others are sent to log in or told it does not exist. On the
/// storefront's address: the form that asks for the instance's name.
#[component]
pub fn OverviewPage() -> impl IntoView {
    let asked = query_param("instance");
    // One resource, not a second one nested in the first's view: the server then knows the
    // answer (a redirect to the login, a 404) before it sends the status and headers.
    let page = Resource::new(
        || (),
        move |_| {
            let asked = asked.clone();
            async move {
                let landing = portal_home(asked).await?;
                let overview = match landing {
                    PortalLanding::Instance => Some(portal_overview().await?),
                    PortalLanding::Finder { .. } => None,
                };
                Ok((landing, overview))
            }
        },
    );
    view! {
        <Title text=t("portal-title") />
        <Loaded resource=page show={move |(landing, overview)| match (landing, overview) {
            (PortalLanding::Finder { suffix, error, asked, found }, _) => finder(suffix, error, asked, found).into_any(),
            (PortalLanding::Instance, Some(v)) => portal_view(v).into_any(),
            (PortalLanding::Instance, None) => ().into_any(),
        }} />
    }
}

/// A plain GET form: the server checks the name and answers with a link to the instance's portal.
fn finder(
    suffix: String,
    error: Option<String>,
    asked: String,
    found: Option<String>,
) -> impl IntoView {
    let found = found.map(|url| {
        view! {
            <p class="success" role="status">{t("portal-found")}</p>
            <p><a class="button primary" data-field="instance-link" href=url.clone()>{t_args("portal-open", &[("url", url.clone())])}</a></p>
        }
    });
    view! {
        <section class="card narrow">
            <h1>{t("portal-my-instance")}</h1>
            <p>{t("portal-finder-intro")}</p>
            <ErrorBox message=Signal::stored(error) />
            {found}
            <form method="get" action="/portal" class="form">
                <label>{t("portal-instance-name")}
                    <span class="instance-input">
                        <input name="instance" required autocomplete="off" autocapitalize="none" spellcheck="false" value=asked />
                        <span class="suffix">{suffix}</span>
                    </span>
                </label>
                <button type="submit" class="primary">{t("portal-go")}</button>
            </form>
            <p class="muted">{t("portal-no-instance")} " " <a href="/">{t("portal-choose-plan")}</a>"."</p>
        </section>
    }
}

fn portal_view(v: PortalView) -> impl IntoView {
    let seats = t_args(
        "portal-seats",
        &[
            ("used", v.user_count.to_string()),
            ("included", v.included_users.to_string()),
        ],
    );
    let shown = i64::try_from(v.users.len()).unwrap_or(i64::MAX);
    view! {
        <section class="card">
            <h1>{v.name.clone()}</h1>
            <p class="muted">{v.company.clone()} " \u{b7} " <a href=v.instance_url.clone()>{v.instance_url.clone()}</a></p>
            <dl class="facts-grid">
                <dt>{t("portal-plan")}</dt><dd data-field="plan">{v.plan_name.clone()} " \u{b7} " <a href="/portal/subscription">{t("portal-subscription-link")}</a> " \u{b7} " <a href=v.order_more_url.clone()>{t("portal-order-more")}</a></dd>
                <dt>{t("portal-state")}</dt><dd data-field="state"><span class=format!("badge {}", v.state.as_str())>{t(&format!("tenant-state-{}", v.state.as_str()))}</span></dd>
                {v.trial_ends_at.clone().map(|d| view! { <dt>{t("portal-trial-ends")}</dt><dd data-field="trial-ends">{d}</dd> })}
                <dt>{t("portal-licence")}</dt><dd>{seats} " \u{b7} " <a href="/portal/members">{t("portal-manage-users")}</a></dd>
                <dt>{t("portal-modules")}</dt><dd>{v.modules.join(", ")}</dd>
            </dl>
            <h2>{t("portal-users")}</h2>
            {rows_or(v.users, t("portal-no-users"), |users| view! {
                <TableBox label=t("portal-users")>
                    <table class="table users">
                        <thead><tr><th>{t("portal-user-name")}</th><th>{t("portal-user-email")}</th><th>{t("portal-user-role")}</th></tr></thead>
                        <tbody>
                            {users.into_iter().map(|u| view! { <tr><td>{u.full_name}</td><td>{u.email}</td><td>{role_label(&u.role)}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
                </TableBox>
            })}
            {(v.user_count > shown).then(|| view! {
                <p><a href="/portal/members">{t_args("portal-all-users", &[("count", v.user_count.to_string())])}</a></p>
            })}
        </section>
    }
}

/// An instance user's role in words (a role the catalogue does not know is shown as stored).
fn role_label(role: &str) -> String {
    match role {
        "admin" | "user" => t(&format!("portal-role-{role}")),
        other => other.to_string(),
    }
}
