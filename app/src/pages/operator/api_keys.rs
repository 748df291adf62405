//! The operator's API keys page: create one (its secret is shown once), see and revoke them.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::api_keys::{list_api_keys, CreateApiKey, RevokeApiKey};
use crate::components::confirm::ConfirmSubmit;
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::table_box::{rows_or, TableBox};

/// The page, for operators.
#[component]
pub fn ApiKeysPage() -> impl IntoView {
    let edits = Edits::new();
    let create = edits.action::<CreateApiKey, _>();
    let revoke = edits.action::<RevokeApiKey, _>();
    let keys = Resource::new(move || edits.version(), |_| list_api_keys());
    let error = edits.error();
    view! {
        <Title text="API keys \u{2014} Tenantry" />
        <section class="card wide">
            <div class="row"><h1>"API keys"</h1><a href="/api/v1/openapi.json">"API description"</a></div>
            <ErrorBox message=error />
            {move || create.value().get().and_then(|r| r.ok()).map(|key| view! {
                <p class="notice" data-field="new-key">"Copy this key now; it is not shown again: " <code>{key}</code></p>
            })}
            <ActionForm action=create attr:class="inline">
                <input name="name" placeholder="What will use it" required maxlength="100" />
                <button type="submit" class="primary">"Create key"</button>
            </ActionForm>
            <Loaded resource=keys show={move |list| rows_or(list, "No API keys yet: create one above for each program that uses the REST API.", move |list| view! {
                            <TableBox label="API keys">
                            <table class="table keys">
                                <thead><tr><th>"Name"</th><th>"Key"</th><th>"Created by"</th><th>"Created (UTC)"</th><th>"Actions"</th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|k| view! {
                                        <tr>
                                            <td>{k.name.clone()}</td>
                                            <td><code>{k.prefix}</code></td>
                                            <td>{k.created_by}</td>
                                            <td>{k.created_at}</td>
                                            <td>{if k.revoked {
                                                view! { <span class="badge failed">"revoked"</span> }.into_any()
                                            } else {
                                                view! { <ActionForm action=revoke><input type="hidden" name="key_id" value=k.id.to_string() /><ConfirmSubmit label="Revoke" question=format!("Really revoke the key {}? Programs using it stop working.", k.name) confirm="Yes, revoke" /></ActionForm> }.into_any()
                                            }}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </TableBox>
            })} />
        </section>
    }
}
