//! The account page's line about two-factor sign-in: on or off, recovery codes left, and the
//! link to its page.
use leptos::prelude::*;

use crate::api::two_factor::two_factor_status;
use crate::domain::two_factor::TwoFactorState;
use crate::i18n::{t, t_args};

/// On or off and the recovery codes left (after a login with one of them, fewer).
#[component]
pub fn TwoFactorSummary() -> impl IntoView {
    let status = Resource::new(|| (), |_| two_factor_status());
    view! {
        <h2>{t("two-factor-heading")}</h2>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                status.await.ok().map(|v| {
                    let on = v.state == Some(TwoFactorState::Enabled);
                    view! {
                        <p data-field="two-factor">
                            {if on { t("two-factor-on") } else { t("two-factor-off") }} " "
                            {on.then(|| t_args("two-factor-codes-left", &[("count", v.recovery_codes_left.to_string())]))}
                        </p>
                    }
                })
            })}
        </Suspense>
        <p><a href="/account/two-factor">{t("two-factor-manage")}</a></p>
    }
}
