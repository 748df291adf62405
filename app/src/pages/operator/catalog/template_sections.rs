//! The sections of a template's edit page, each with its own forms.
use leptos::form::ActionForm;
use leptos::prelude::*;

use super::nav::hidden;
use crate::api::catalog::templates::{
    AddTemplateModule, BindPlanTemplate, RemoveTemplateModule, RemoveTemplateResource,
    RemoveTemplateSetting, SetTemplateResource, SetTemplateSetting,
};
use crate::components::edits::Edits;
use crate::components::table_box::TableBox;
use crate::wire::catalog::templates::TemplateView;

/// The actions of the sections.
#[derive(Clone, Copy)]
pub struct Actions {
    add_module: ServerAction<AddTemplateModule>,
    remove_module: ServerAction<RemoveTemplateModule>,
    set_resource: ServerAction<SetTemplateResource>,
    remove_resource: ServerAction<RemoveTemplateResource>,
    set_setting: ServerAction<SetTemplateSetting>,
    remove_setting: ServerAction<RemoveTemplateSetting>,
    bind_plan: ServerAction<BindPlanTemplate>,
}

impl Actions {
    /// The section actions, watched with the page's others.
    pub fn new(edits: Edits) -> Actions {
        Actions {
            add_module: edits.action(),
            remove_module: edits.action(),
            set_resource: edits.action(),
            remove_resource: edits.action(),
            set_setting: edits.action(),
            remove_setting: edits.action(),
            bind_plan: edits.action(),
        }
    }
}

fn options(choices: Vec<String>) -> impl IntoView {
    choices
        .into_iter()
        .map(|c| view! { <option value=c.clone()>{c.clone()}</option> })
        .collect_view()
}

/// The modules installed, each removable, and a form to add a published one.
pub fn modules_section(t: &TemplateView, acts: Actions) -> impl IntoView {
    let code = StoredValue::new(t.code.clone());
    let c = move || hidden("template", code.get_value());
    let module_choices = t.module_choices.clone();
    let none = t
        .modules
        .is_empty()
        .then(|| view! { <p class="muted empty">"No modules yet: add one below."</p> });
    let list = t
        .modules
        .clone()
        .into_iter()
        .map(|m| {
            let attr = m.clone();
            view! {
                <li data-module=attr>
                    <ActionForm action=acts.remove_module attr:class="inline">
                        {c()}{hidden("module", m.clone())}
                        <code>{m.clone()}</code><button type="submit">"Remove"</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    let add = (!t.module_choices.is_empty()).then(|| {
        view! {
            <ActionForm action=acts.add_module attr:class="inline">
                {c()}
                <select name="module" aria-label="Module to add">{options(module_choices)}</select>
                <button type="submit">"Add module"</button>
            </ActionForm>
        }
    });
    view! { <h3>"Modules installed"</h3>{none}<ul class="plain">{list}</ul>{add} }
}

/// The resources with their allowances, each editable and removable, and a form to add one.
pub fn resources_section(t: &TemplateView, acts: Actions) -> impl IntoView {
    let code = StoredValue::new(t.code.clone());
    let c = move || hidden("template", code.get_value());
    let resource_choices = t.resource_choices.clone();
    let none = t.resources.is_empty().then(|| view! { <p class="muted empty">"No resources yet: new instances get none until one is added below."</p> });
    let rows = t.resources.clone().into_iter().map(|r| {
        let resource = StoredValue::new(r.resource.clone());
        let res = move || hidden("resource", resource.get_value());
        view! {
            <tr data-resource=r.resource.clone()>
                <td>{r.name.clone()}<br/><code>{r.resource.clone()}</code></td>
                <td>
                    <ActionForm action=acts.set_resource attr:class="inline">
                        {c()}{res()}
                        <input name="included" type="number" min="0" value=r.included.to_string() aria-label="Included" />
                        <input name="hard_limit" type="number" min="0" value=r.hard_limit.to_string() aria-label="Hard limit" />
                        <span>{r.unit.clone()}</span>
                        <button type="submit">"Save"</button>
                    </ActionForm>
                </td>
                <td>
                    <ActionForm action=acts.remove_resource attr:class="inline">
                        {c()}{res()}<button type="submit">"Remove"</button>
                    </ActionForm>
                </td>
            </tr>
        }
    }).collect_view();
    let add = (!t.resource_choices.is_empty()).then(|| {
        view! {
            <ActionForm action=acts.set_resource attr:class="inline">
                {c()}
                <select name="resource" aria-label="Resource to add">{options(resource_choices)}</select>
                <input name="included" type="number" min="0" value="0" aria-label="Included" />
                <input name="hard_limit" type="number" min="0" value="0" aria-label="Hard limit" />
                <button type="submit">"Add or change resource"</button>
            </ActionForm>
        }
    });
    view! {
        <h3>"Resources"</h3>
        {none}
        <TableBox label="Resources"><table class="table allowances">
            <thead><tr><th>"Resource"</th><th>"Included / hard limit"</th><th>"Actions"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table></TableBox>
        {add}
    }
}

/// The default settings, each editable and removable, and a form to add one.
pub fn settings_section(t: &TemplateView, acts: Actions) -> impl IntoView {
    let code = StoredValue::new(t.code.clone());
    let c = move || hidden("template", code.get_value());
    let none = t.settings.is_empty().then(|| view! { <p class="muted empty">"No default settings: new instances keep the built-in defaults."</p> });
    let rows = t
        .settings
        .clone()
        .into_iter()
        .map(|(key, value)| {
            let stored = StoredValue::new(key.clone());
            let k = move || hidden("key", stored.get_value());
            view! {
                <tr data-setting=key.clone()>
                    <td><code>{key.clone()}</code></td>
                    <td>
                        <ActionForm action=acts.set_setting attr:class="inline">
                            {c()}{k()}
                            <input name="value" value=value.clone() aria-label="Value" />
                            <button type="submit">"Save"</button>
                        </ActionForm>
                    </td>
                    <td>
                        <ActionForm action=acts.remove_setting attr:class="inline">
                            {c()}{k()}<button type="submit">"Remove"</button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3>"Default settings"</h3>
        {none}
        <p class="muted">"Written into each new instance; locale and timezone replace the built-in defaults."</p>
        <TableBox label="Default settings"><table class="table settings">
            <thead><tr><th>"Key"</th><th>"Value"</th><th>"Actions"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table></TableBox>
        <ActionForm action=acts.set_setting attr:class="inline">
            {c()}
            <input name="key" placeholder="key, e.g. locale" required aria-label="Key" />
            <input name="value" placeholder="value" aria-label="Value" />
            <button type="submit">"Add setting"</button>
        </ActionForm>
    }
}

/// The plans bound to the template and a form to bind another.
pub fn plans_section(t: &TemplateView, acts: Actions) -> impl IntoView {
    let code = StoredValue::new(t.code.clone());
    let bound = if t.plans.is_empty() {
        "none".to_string()
    } else {
        t.plans.join(", ")
    };
    let plan_choices = t.plan_choices.clone();
    let bind = (t.published && !t.plan_choices.is_empty()).then(|| {
        view! {
            <ActionForm action=acts.bind_plan attr:class="inline">
                {hidden("template", code.get_value())}
                <select name="plan" aria-label="Plan to bind">{options(plan_choices)}</select>
                <button type="submit">"Provision this plan from this template"</button>
            </ActionForm>
        }
    });
    view! {
        <h3>"Plans"</h3>
        <p data-field="plans">"Bound plans: " {bound}</p>
        {bind}
    }
}
