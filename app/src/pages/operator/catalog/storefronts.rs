//! The storefronts page at `/operator/storefronts`: name, logo, colour, currency, invoice prefix,
//! the default flag, the billing details (seller, bank account, test mode) and the plans each
//! publishes.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::dunning::dunning_form;
use super::storefront_billing::billing_form;
use crate::api::catalog::storefronts::{
    admin_storefronts, CreateStorefront, SetStorefrontPlan, UpdateStorefront,
    UpdateStorefrontBilling,
};
use crate::api::dunning::UpdateDunningSchedule;
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::domain::catalog::parse_color;
use crate::wire::catalog::storefronts::AdminStorefrontView;

/// The page, for operators.
#[component]
pub fn StorefrontsPage() -> impl IntoView {
    let edits = Edits::new();
    let create = edits.action::<CreateStorefront, _>();
    let update = edits.action::<UpdateStorefront, _>();
    let plan = edits.action::<SetStorefrontPlan, _>();
    let billing = edits.action::<UpdateStorefrontBilling, _>();
    let dunning = edits.action::<UpdateDunningSchedule, _>();
    let list = Resource::new(move || edits.version(), |_| admin_storefronts());
    let error = edits.error();
    view! {
        <Title text="Storefronts \u{2014} Tenantry" />
        <section class="card wide">
            <div class="row"><h1>"Storefronts"</h1><a href="/operator/catalog">"Catalog"</a></div>
            <ErrorBox message=error />
            <h2>"New storefront"</h2>
            <ActionForm action=create attr:class="inline price-form new-storefront">
                <input name="form[code]" placeholder="code" aria-label="Code" required maxlength="40" />
                {fields(None)}
                <button type="submit" class="primary">"Create storefront"</button>
            </ActionForm>
            <Loaded resource=list show={move |list| list.into_iter().map(|s| storefront(s, update, plan, billing, dunning)).collect_view()} />
        </section>
    }
}

/// The editable fields, filled from a storefront when editing one.
fn fields(s: Option<&AdminStorefrontView>) -> impl IntoView {
    let get = |f: fn(&AdminStorefrontView) -> String, default: &str| {
        s.map(f).unwrap_or_else(|| default.to_string())
    };
    let locked = s.is_some_and(|s| s.orders > 0);
    view! {
        <input name="form[name]" value=get(|s| s.name.clone(), "") placeholder="Name" aria-label="Name" required maxlength="200" />
        <input name="form[logo_url]" value=get(|s| s.logo_url.clone(), "") placeholder="https://\u{2026}/logo.svg" aria-label="Logo URL" />
        <input name="form[primary_color]" value=get(|s| s.primary_color.clone(), "#3b5bdb") aria-label="Primary colour" size="7" required />
        <input type="email" name="form[support_email]" value=get(|s| s.support_email.clone(), "") placeholder="support@\u{2026}" aria-label="Support email" maxlength="254" />
        <input name="form[currency]" value=get(|s| s.currency.clone(), "EUR") aria-label="Currency" size="3" maxlength="3" required readonly=locked />
        <input name="form[invoice_prefix]" value=get(|s| s.invoice_prefix.clone(), "INV-") aria-label="Invoice prefix" size="6" required />
        <select name="form[language]" aria-label="Default language">
            {crate::i18n::Locale::ALL.into_iter().map(|l| {
                let selected = s.map(|s| s.language.as_str()).unwrap_or("en") == l.tag();
                view! { <option value=l.tag() selected=selected>{l.name()}</option> }
            }).collect_view()}
        </select>
        <label><input type="checkbox" name="form[is_default]" checked=s.is_some_and(|s| s.is_default) />" default"</label>
    }
}

fn storefront(
    s: AdminStorefrontView,
    update: ServerAction<UpdateStorefront>,
    plan: ServerAction<SetStorefrontPlan>,
    billing: ServerAction<UpdateStorefrontBilling>,
    dunning: ServerAction<UpdateDunningSchedule>,
) -> impl IntoView {
    let id = s.id.to_string();
    let plans = s
        .plans
        .iter()
        .cloned()
        .map(|p| {
            let (op, label) = if p.published {
                ("withdraw", "Withdraw")
            } else {
                ("publish", "Publish here")
            };
            let (tag, id) = (p.code.clone(), id.clone());
            view! {
                <tr data-plan=tag>
                    <td>{p.name}<br/><code>{p.code}</code></td>
                    <td>{if p.published { "published" } else { "not published" }}</td>
                    <td><ActionForm action=plan attr:class="inline">
                        <input type="hidden" name="storefront_id" value=id />
                        <input type="hidden" name="plan_id" value=p.plan_id.to_string() />
                        <input type="hidden" name="op" value=op />
                        <button type="submit">{label}</button>
                    </ActionForm></td>
                </tr>
            }
        })
        .collect_view();
    let title = format!(
        "{} ({}{})",
        s.name,
        s.code,
        if s.is_default { ", default" } else { "" }
    );
    let tag = s.code.clone();
    let accent = format!(
        "border-left: 0.4rem solid {}; padding-left: 0.5rem",
        parse_color(&s.primary_color).unwrap_or_else(|_| "#3b5bdb".into())
    );
    let orders = format!(
        "{} orders; the currency is fixed once it has orders.",
        s.orders
    );
    let plans_heading = format!("Plans in {}", s.currency);
    let form_fields = fields(Some(&s));
    let billing = billing_form(s.id, &s.code, s.billing.clone(), billing);
    let dunning = dunning_form(s.id, &s.code, s.dunning.clone(), dunning);
    view! {
        <article class="storefront-admin" data-storefront=tag>
            <h2 style=accent>{title}</h2>
            <p class="muted">{orders}</p>
            <ActionForm action=update attr:class="inline price-form">
                <input type="hidden" name="storefront_id" value=s.id.to_string() />
                {form_fields}
                <button type="submit">"Save"</button>
            </ActionForm>
            {billing}
            {dunning}
            <table class="table storefront-plans">
                <thead><tr><th>{plans_heading}</th><th>"Status"</th><th>"Action"</th></tr></thead>
                <tbody>{plans}</tbody>
            </table>
        </article>
    }
}
