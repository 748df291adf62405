//! The operator's products editor: create, rename, publish, unpublish, delete, and choose the
//! modules and verticals each product bundles.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::nav::{hidden, status_badge, CatalogNav};
use crate::api::catalog::products::{
    list_products, AttachPart, CreateProduct, DeleteProduct, DetachPart, SetProductPublished,
    UpdateProduct,
};
use crate::components::confirm::ConfirmSubmit;
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::table_box::{rows_or, TableBox};
use crate::wire::catalog::parts::PartKind;
use crate::wire::catalog::products::ProductView;

#[derive(Clone, Copy)]
struct Actions {
    update: ServerAction<UpdateProduct>,
    publish: ServerAction<SetProductPublished>,
    delete: ServerAction<DeleteProduct>,
    attach: ServerAction<AttachPart>,
    detach: ServerAction<DetachPart>,
}

/// The products page, for operators.
#[component]
pub fn ProductsPage() -> impl IntoView {
    let edits = Edits::new();
    let create = edits.action::<CreateProduct, _>();
    let acts = Actions {
        update: edits.action(),
        publish: edits.action(),
        delete: edits.action(),
        attach: edits.action(),
        detach: edits.action(),
    };
    let products = Resource::new(move || edits.version(), |_| list_products());
    let error = edits.error();
    view! {
        <Title text="Products \u{2014} Tenantry" />
        <section class="card wide">
            <h1>"Products"</h1>
            <CatalogNav />
            <p class="muted">"A product bundles modules and verticals; plans sell a product. New products start as drafts."</p>
            <ErrorBox message=error />
            <ActionForm action=create attr:class="inline">
                <input name="code" placeholder="code, e.g. crm" required aria-label="Code" />
                <input name="name" placeholder="Name" required aria-label="Name" />
                <input name="description" placeholder="Description" aria-label="Description" />
                <button type="submit" class="primary">"Create product"</button>
            </ActionForm>
            <Loaded resource=products show={move |page| {
                            let (modules, verticals) = (page.module_choices, page.vertical_choices);
                            rows_or(page.products, "No products yet: create one with the form above.", move |products| view! {
                                <TableBox label="Products">
                                <table class="table products">
                                    <thead><tr><th>"Code"</th><th>"Name and description"</th><th>"Modules"</th><th>"Verticals"</th><th>"Status"</th><th class="num">"Plans"</th><th>"Actions"</th></tr></thead>
                                    <tbody>{products.into_iter().map(|p| product_row(p, &modules, &verticals, acts)).collect_view()}</tbody>
                                </table>
                                </TableBox>
                            })
            }} />
        </section>
    }
}

/// The parts of one kind in a product, each with a remove button, and a form to add one.
fn parts_cell(
    product: &str,
    kind: PartKind,
    parts: Vec<String>,
    choices: &[String],
    acts: Actions,
) -> impl IntoView {
    let product = StoredValue::new(product.to_string());
    let fields = move || {
        view! { {hidden("product", product.get_value())}{hidden("kind", kind.as_str().to_string())} }
    };
    let addable: Vec<String> = choices
        .iter()
        .filter(|c| !parts.contains(c))
        .cloned()
        .collect();
    let list = parts
        .into_iter()
        .map(|part| {
            view! {
                <ActionForm action=acts.detach attr:class="inline">
                    {fields()}{hidden("part", part.clone())}
                    <code>{part.clone()}</code>
                    <button type="submit" aria-label=format!("Remove {part}")>"\u{00d7}"</button>
                </ActionForm>
            }
        })
        .collect_view();
    let add = (!addable.is_empty()).then(|| {
        view! {
            <ActionForm action=acts.attach attr:class="inline">
                {fields()}
                <select name="part" aria-label=format!("Add a {}", kind.label().to_lowercase())>
                    {addable.into_iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view()}
                </select>
                <button type="submit">"Add"</button>
            </ActionForm>
        }
    });
    view! { {list}{add} }
}

fn product_row(
    p: ProductView,
    modules: &[String],
    verticals: &[String],
    acts: Actions,
) -> impl IntoView {
    let code = StoredValue::new(p.code.clone());
    let c = move || hidden("code", code.get_value());
    let module_cell = parts_cell(&p.code, PartKind::Module, p.modules, modules, acts);
    let vertical_cell = parts_cell(&p.code, PartKind::Vertical, p.verticals, verticals, acts);
    view! {
        <tr data-code=p.code.clone()>
            <td><code>{p.code.clone()}</code></td>
            <td>
                <ActionForm action=acts.update attr:class="inline">
                    {c()}
                    <input name="name" value=p.name required aria-label="Name" />
                    <input name="description" value=p.description aria-label="Description" />
                    <button type="submit">"Save"</button>
                </ActionForm>
            </td>
            <td>{module_cell}</td>
            <td>{vertical_cell}</td>
            <td>{status_badge(p.published)}</td>
            <td class="num">{p.plans}</td>
            <td>
                <ActionForm action=acts.publish attr:class="inline">
                    {c()}{hidden("published", (!p.published).to_string())}
                    <button type="submit">{if p.published { "Unpublish" } else { "Publish" }}</button>
                </ActionForm>
                <ActionForm action=acts.delete attr:class="inline">
                    {c()}
                    <ConfirmSubmit label="Delete" question=format!("Really delete the product {}?", code.get_value()) confirm="Yes, delete" />
                </ActionForm>
            </td>
        </tr>
    }
}
