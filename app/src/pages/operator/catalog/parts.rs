//! The operator's editors for modules and verticals: create, rename, publish, unpublish, delete.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::nav::{hidden, status_badge, CatalogNav};
use crate::api::catalog::parts::{
    list_parts, CreatePart, DeletePart, SetPartPublished, UpdatePart,
};
use crate::components::confirm::ConfirmSubmit;
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::table_box::{rows_or, TableBox};
use crate::wire::catalog::parts::{PartKind, PartView};

/// The modules page, for operators.
#[component]
pub fn ModulesPage() -> impl IntoView {
    view! { <PartsPage kind=PartKind::Module /> }
}

/// The verticals page, for operators.
#[component]
pub fn VerticalsPage() -> impl IntoView {
    view! { <PartsPage kind=PartKind::Vertical /> }
}

#[derive(Clone, Copy)]
struct Actions {
    update: ServerAction<UpdatePart>,
    publish: ServerAction<SetPartPublished>,
    delete: ServerAction<DeletePart>,
}

/// One editor for either kind of part.
#[component]
fn PartsPage(kind: PartKind) -> impl IntoView {
    let edits = Edits::new();
    let create = edits.action::<CreatePart, _>();
    let acts = Actions {
        update: edits.action(),
        publish: edits.action(),
        delete: edits.action(),
    };
    let parts = Resource::new(
        move || edits.version(),
        move |_| list_parts(kind.as_str().to_string()),
    );
    let error = edits.error();
    let title = match kind {
        PartKind::Module => "Modules",
        PartKind::Vertical => "Verticals",
    };
    view! {
        <Title text=format!("{title} \u{2014} Tenantry") />
        <section class="card wide">
            <h1>{title}</h1>
            <CatalogNav />
            <p class="muted">"New entries start as drafts; only published ones can be added to products and templates."</p>
            <ErrorBox message=error />
            <ActionForm action=create attr:class="inline">
                {hidden("kind", kind.as_str().to_string())}
                <input name="code" placeholder="code, e.g. crm" required aria-label="Code" />
                <input name="name" placeholder="Name" required aria-label="Name" />
                <input name="description" placeholder="Description" aria-label="Description" />
                <button type="submit" class="primary">{format!("Create {}", kind.label().to_lowercase())}</button>
            </ActionForm>
            <Loaded resource=parts show={move |list| rows_or(list, "Nothing yet: create the first one with the form above.", move |list| view! {
                            <TableBox label=title>
                            <table class="table parts">
                                <thead><tr><th>"Code"</th><th>"Name and description"</th><th>"Status"</th><th class="num">"Used by"</th><th>"Actions"</th></tr></thead>
                                <tbody>{list.into_iter().map(|p| part_row(kind, p, acts)).collect_view()}</tbody>
                            </table>
                            </TableBox>
            })} />
        </section>
    }
}

fn part_row(kind: PartKind, p: PartView, acts: Actions) -> impl IntoView {
    let k = move || hidden("kind", kind.as_str().to_string());
    let code = StoredValue::new(p.code.clone());
    let c = move || hidden("code", code.get_value());
    view! {
        <tr data-code=p.code.clone()>
            <td><code>{p.code.clone()}</code></td>
            <td>
                <ActionForm action=acts.update attr:class="inline">
                    {k()}{c()}
                    <input name="name" value=p.name required aria-label="Name" />
                    <input name="description" value=p.description aria-label="Description" />
                    <button type="submit">"Save"</button>
                </ActionForm>
            </td>
            <td>{status_badge(p.published)}</td>
            <td class="num">{p.used_by}</td>
            <td>
                <ActionForm action=acts.publish attr:class="inline">
                    {k()}{c()}{hidden("published", (!p.published).to_string())}
                    <button type="submit">{if p.published { "Unpublish" } else { "Publish" }}</button>
                </ActionForm>
                <ActionForm action=acts.delete attr:class="inline">
                    {k()}{c()}
                    <ConfirmSubmit label="Delete" question=format!("Really delete {}?", code.get_value()) confirm="Yes, delete" />
                </ActionForm>
            </td>
        </tr>
    }
}
