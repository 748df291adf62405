//! The operator's fraud screening rules: daily limits, disposable domains, country check.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::fraud::{fraud_rules, FraudRulesView, SaveFraudRules};
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;

/// The rules page, for operators.
#[component]
pub fn FraudRulesPage() -> impl IntoView {
    let edits = Edits::new();
    let save = edits.action::<SaveFraudRules, _>();
    let rules = Resource::new(move || edits.version(), |_| fraud_rules());
    let error = edits.error();
    view! {
        <Title text="Fraud rules \u{2014} Tenantry" />
        <section class="card wide">
            <div class="row"><h1>"Fraud screening"</h1><a href="/operator/orders">"Orders"</a></div>
            <p class="muted">"A paid order that breaks a rule waits in the order queue for approval. Changes apply to the next order."</p>
            <ErrorBox message=error />
            <Loaded resource=rules show={move |r| rules_form(r, save)} />
        </section>
    }
}

fn rules_form(r: FraudRulesView, save: ServerAction<SaveFraudRules>) -> impl IntoView {
    let country_note = match r.country_header {
        Some(h) => format!("The address's country comes from the {h} header set by your proxy (one of TENANTRY_TRUSTED_PROXIES)."),
        None => "Set TENANTRY_IP_COUNTRY_HEADER to the header your proxy fills with the client's country (e.g. CF-IPCountry) and TENANTRY_TRUSTED_PROXIES to your proxy's address; until then this check cannot fire.".into(),
    };
    view! {
        <ActionForm action=save attr:class="form" attr:data-form="fraud">
            <label>"Orders per email address per day (0: no limit)"
                <input type="number" name="per_email" min="0" max="100000" required value=r.per_email.to_string() /></label>
            <label>"Orders per IP address per day (0: no limit)"
                <input type="number" name="per_ip" min="0" max="100000" required value=r.per_ip.to_string() /></label>
            <label>"Disposable email domains (one per line; subdomains count too)"
                <textarea name="domains" rows="8">{r.domains}</textarea></label>
            <label class="check"><input type="checkbox" name="check_country" value="on" checked=r.check_country />
                "Flag a billing country that differs from the address's country"</label>
            <p class="muted">{country_note}</p>
            <button type="submit" class="primary">"Save rules"</button>
        </ActionForm>
    }
}
