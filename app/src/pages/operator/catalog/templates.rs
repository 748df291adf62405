//! The operator's service templates: what a plan's new instances get. The list creates,
//! publishes, unpublishes and deletes; each template has its own edit page.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::nav::{hidden, status_badge, CatalogNav};
use crate::api::catalog::templates::{
    list_templates, CreateTemplate, DeleteTemplate, SetTemplatePublished,
};
use crate::components::confirm::ConfirmSubmit;
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::table_box::{rows_or, TableBox};
use crate::wire::catalog::templates::TemplateSummary;

/// The templates page, for operators.
#[component]
pub fn TemplatesPage() -> impl IntoView {
    let edits = Edits::new();
    let create = edits.action::<CreateTemplate, _>();
    let publish = edits.action::<SetTemplatePublished, _>();
    let delete = edits.action::<DeleteTemplate, _>();
    let templates = Resource::new(move || edits.version(), |_| list_templates());
    let error = edits.error();
    view! {
        <Title text="Service templates \u{2014} Tenantry" />
        <section class="card wide">
            <h1>"Service templates"</h1>
            <CatalogNav />
            <p class="muted">"A template says what a new instance gets: modules, resources with included amounts and limits, default settings and demo data. Plans are bound to published templates."</p>
            <ErrorBox message=error />
            <ActionForm action=create attr:class="inline">
                <input name="code" placeholder="code, e.g. crm-starter" required aria-label="Code" />
                <input name="name" placeholder="Name" required aria-label="Name" />
                <select name="demo_data" aria-label="Demo data">
                    <option value="false">"No demo data"</option>
                    <option value="true">"Load demo data"</option>
                </select>
                <button type="submit" class="primary">"Create template"</button>
            </ActionForm>
            <Loaded resource=templates show={move |list| rows_or(list, "No templates yet: create one with the form above.", move |list| view! {
                            <TableBox label="Service templates">
                            <table class="table templates">
                                <thead><tr><th>"Template"</th><th>"Modules"</th><th>"Demo data"</th><th>"Status"</th><th class="num">"Plans"</th><th>"Actions"</th></tr></thead>
                                <tbody>{list.into_iter().map(|t| template_row(t, publish, delete)).collect_view()}</tbody>
                            </table>
                            </TableBox>
            })} />
        </section>
    }
}

fn template_row(
    t: TemplateSummary,
    publish: ServerAction<SetTemplatePublished>,
    delete: ServerAction<DeleteTemplate>,
) -> impl IntoView {
    let code = StoredValue::new(t.code.clone());
    let c = move || hidden("template", code.get_value());
    view! {
        <tr data-code=t.code.clone()>
            <td><a href=format!("/operator/catalog/templates/{}", t.code)>{t.name}</a><br/><code>{t.code.clone()}</code></td>
            <td>{t.modules.join(", ")}</td>
            <td>{if t.demo_data { "yes" } else { "no" }}</td>
            <td>{status_badge(t.published)}</td>
            <td class="num">{t.plans}</td>
            <td>
                <a href=format!("/operator/catalog/templates/{}", t.code)>"Edit"</a>
                <ActionForm action=publish attr:class="inline">
                    {c()}{hidden("published", (!t.published).to_string())}
                    <button type="submit">{if t.published { "Unpublish" } else { "Publish" }}</button>
                </ActionForm>
                <ActionForm action=delete attr:class="inline">
                    {c()}
                    <ConfirmSubmit label="Delete" question=format!("Really delete the template {}?", code.get_value()) confirm="Yes, delete" />
                </ActionForm>
            </td>
        </tr>
    }
}
