//! What an instance's host shows its users while the instance is paused: why (an unpaid invoice,
//! since when and how much; an ended trial; the operator), that the data is kept, and for the
//! administrator where to pay and how to reach the portal.
use crate::i18n::{t, t_args};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::tenants::{paused_instance, PausedView};
use crate::components::loaded::Loaded;
use crate::wire::tenants::PausedReason;

/// The paused instance's page (its host's address sends here while it is paused).
#[component]
pub fn PausedPage() -> impl IntoView {
    let page = Resource::new(|| (), |_| paused_instance());
    view! {
        <Title text=t("paused-title") />
        <Loaded resource=page show={move |v| paused_view(v)} />
    }
}

fn paused_view(v: PausedView) -> impl IntoView {
    let name = ("instance", v.name.clone());
    let (why, pay) = match v.reason {
        PausedReason::Unpaid {
            amount,
            since,
            pay_url,
        } => (
            t_args(
                "paused-unpaid",
                &[name.clone(), ("amount", amount), ("since", since)],
            ),
            Some(pay_url),
        ),
        PausedReason::TrialEnded => (t_args("paused-trial", std::slice::from_ref(&name)), None),
        PausedReason::Operator => (t_args("paused-operator", std::slice::from_ref(&name)), None),
        PausedReason::Closed => (t_args("paused-closed", std::slice::from_ref(&name)), None),
    };
    view! {
        <section class="card narrow paused" data-state=v.state.as_str()>
            <h1>{t_args("paused-heading", &[name])}</h1>
            <p data-field="why">{why}</p>
            <p>{t("paused-data-kept")}</p>
            <h2>{t("paused-admins")}</h2>
            <ul class="links">
                {pay.map(|url| view! { <li><a class="button primary" href=url>{t("paused-pay")}</a></li> })}
                <li><a href="/portal">{t("paused-portal")}</a></li>
            </ul>
        </section>
    }
}
