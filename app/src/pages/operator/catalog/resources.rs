//! The operator's resources editor: users, storage, API calls, or anything the operator defines.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::nav::{hidden, status_badge, CatalogNav};
use crate::api::catalog::resources::{
    list_resources, CreateResource, DeleteResource, SetResourcePublished, UpdateResource,
};
use crate::components::confirm::ConfirmSubmit;
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::table_box::{rows_or, TableBox};
use crate::wire::catalog::resources::ResourceView;

#[derive(Clone, Copy)]
struct Actions {
    update: ServerAction<UpdateResource>,
    publish: ServerAction<SetResourcePublished>,
    delete: ServerAction<DeleteResource>,
}

/// The resources page, for operators.
#[component]
pub fn ResourcesPage() -> impl IntoView {
    let edits = Edits::new();
    let create = edits.action::<CreateResource, _>();
    let acts = Actions {
        update: edits.action(),
        publish: edits.action(),
        delete: edits.action(),
    };
    let resources = Resource::new(move || edits.version(), |_| list_resources());
    let error = edits.error();
    view! {
        <Title text="Resources \u{2014} Tenantry" />
        <section class="card wide">
            <h1>"Resources"</h1>
            <CatalogNav />
            <p class="muted">"What instances consume and plans meter. New resources start as drafts; only published ones can be added to templates."</p>
            <ErrorBox message=error />
            <ActionForm action=create attr:class="inline">
                <input name="code" placeholder="code, e.g. mailboxes" required aria-label="Code" />
                <input name="name" placeholder="Name" required aria-label="Name" />
                <input name="unit" placeholder="Unit, e.g. mailbox" required aria-label="Unit" />
                <button type="submit" class="primary">"Create resource"</button>
            </ActionForm>
            <Loaded resource=resources show={move |list: Vec<ResourceView>| rows_or(list, "No resources yet: create one with the form above.", move |list| view! {
                <TableBox label="Resources">
                <table class="table resources">
                    <thead><tr><th>"Code"</th><th>"Name and unit"</th><th>"Status"</th><th class="num">"Used by"</th><th>"Actions"</th></tr></thead>
                    <tbody>{list.into_iter().map(|r| resource_row(r, acts)).collect_view()}</tbody>
                </table>
                </TableBox>
            })} />
        </section>
    }
}

fn resource_row(r: ResourceView, acts: Actions) -> impl IntoView {
    let code = StoredValue::new(r.code.clone());
    let c = move || hidden("code", code.get_value());
    view! {
        <tr data-code=r.code.clone()>
            <td><code>{r.code.clone()}</code></td>
            <td>
                <ActionForm action=acts.update attr:class="inline">
                    {c()}
                    <input name="name" value=r.name required aria-label="Name" />
                    <input name="unit" value=r.unit required aria-label="Unit" />
                    <button type="submit">"Save"</button>
                </ActionForm>
            </td>
            <td>{status_badge(r.published)}</td>
            <td class="num">{r.used_by}</td>
            <td>
                <ActionForm action=acts.publish attr:class="inline">
                    {c()}{hidden("published", (!r.published).to_string())}
                    <button type="submit">{if r.published { "Unpublish" } else { "Publish" }}</button>
                </ActionForm>
                <ActionForm action=acts.delete attr:class="inline">
                    {c()}
                    <ConfirmSubmit label="Delete" question=format!("Really delete the resource {}?", code.get_value()) confirm="Yes, delete" />
                </ActionForm>
            </td>
        </tr>
    }
}
