//! The operator's resources editor: users, storage, API calls, or anything the operator defines.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use super::catalog_nav::{failure, hidden, status_badge, CatalogNav};
use crate::api::catalog_structure::resources::{
    list_resources, CreateResource, DeleteResource, SetResourcePublished, UpdateResource,
};
use crate::api::catalog_structure::ResourceView;
use crate::components::error_box::{page_error, ErrorBox};
use crate::error::AppError;
use crate::pages::query_param;

#[derive(Clone, Copy)]
struct Actions {
    update: ServerAction<UpdateResource>,
    publish: ServerAction<SetResourcePublished>,
    delete: ServerAction<DeleteResource>,
}

/// The resources page, for operators.
#[component]
pub fn ResourcesPage() -> impl IntoView {
    let create = ServerAction::<CreateResource>::new();
    let acts = Actions {
        update: ServerAction::new(),
        publish: ServerAction::new(),
        delete: ServerAction::new(),
    };
    let resources = Resource::new(
        move || {
            (
                create.version().get(),
                acts.update.version().get(),
                acts.publish.version().get(),
                acts.delete.version().get(),
            )
        },
        |_| list_resources(),
    );
    let from_query = query_param("error");
    let error = Signal::derive(move || {
        failure(create.value().get())
            .or_else(|| failure(acts.update.value().get()))
            .or_else(|| failure(acts.publish.value().get()))
            .or_else(|| failure(acts.delete.value().get()))
            .or_else(|| from_query.clone())
    });
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
            <Suspense fallback=|| view! { <p>"Loading\u{2026}"</p> }>
                {move || Suspend::new(async move {
                    match resources.await {
                        Ok(list) => view! {
                            <table class="table resources">
                                <thead><tr><th>"Code"</th><th>"Name and unit"</th><th>"Status"</th><th class="num">"Used by"</th><th>"Actions"</th></tr></thead>
                                <tbody>{list.into_iter().map(|r| resource_row(r, acts)).collect_view()}</tbody>
                            </table>
                        }.into_any(),
                        Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                        Err(e) => view! { <p class="error">{page_error(&e)}</p> }.into_any(),
                    }
                })}
            </Suspense>
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
                    {c()}<button type="submit">"Delete"</button>
                </ActionForm>
            </td>
        </tr>
    }
}
