//! One service template's edit page: name and demo data, modules, resource allowances, default
//! settings, and the plans bound to it.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::nav::{hidden, status_badge, CatalogNav};
use super::template_sections::{
    modules_section, plans_section, resources_section, settings_section, Actions,
};
use crate::api::catalog::templates::{template_detail, SetTemplatePublished, UpdateTemplate};
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::wire::catalog::templates::TemplateView;

/// The template edit page, for operators.
#[component]
pub fn TemplateEditPage() -> impl IntoView {
    let params = use_params_map();
    let edits = Edits::new();
    let update = edits.action::<UpdateTemplate, _>();
    let publish = edits.action::<SetTemplatePublished, _>();
    let acts = Actions::new(edits);
    let template = Resource::new(
        move || {
            (
                params.read().get("code").unwrap_or_default(),
                edits.version(),
            )
        },
        |(code, _)| template_detail(code),
    );
    let error = edits.error();
    view! {
        <Title text="Service template \u{2014} Tenantry" />
        <section class="card wide">
            <div class="row"><h1>"Service template"</h1><a href="/operator/catalog/templates">"All templates"</a></div>
            <CatalogNav />
            <ErrorBox message=error />
            <Loaded resource=template show={move |t| editor(t, update, publish, acts)} />
        </section>
    }
}

fn editor(
    t: TemplateView,
    update: ServerAction<UpdateTemplate>,
    publish: ServerAction<SetTemplatePublished>,
    acts: Actions,
) -> impl IntoView {
    let code = StoredValue::new(t.code.clone());
    let c = move || hidden("template", code.get_value());
    let (name, demo, published) = (t.name.clone(), t.demo_data, t.published);
    let sections = (
        modules_section(&t, acts),
        resources_section(&t, acts),
        settings_section(&t, acts),
        plans_section(&t, acts),
    );
    view! {
        <div data-template=t.code.clone()>
            <h2>{t.name.clone()} " " <code>{t.code.clone()}</code> " " {status_badge(t.published)}</h2>
            <ActionForm action=update attr:class="inline">
                {c()}
                <input name="name" value=name required aria-label="Name" />
                <select name="demo_data" aria-label="Demo data">
                    <option value="false" selected=!demo>"No demo data"</option>
                    <option value="true" selected=demo>"Load demo data"</option>
                </select>
                <button type="submit">"Save"</button>
            </ActionForm>
            <ActionForm action=publish attr:class="inline">
                {c()}{hidden("published", (!published).to_string())}
                <button type="submit">{if published { "Unpublish" } else { "Publish" }}</button>
            </ActionForm>
            {sections}
        </div>
    }
}
