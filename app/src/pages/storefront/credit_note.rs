//! A printable credit note, reached from the order's page: the invoice's layout, titled
//! "Credit note" and naming the invoice it credits.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::invoice::invoice_view;
use crate::api::credit_notes::order_credit_note;
use crate::components::error_box::page_error;
use crate::error::AppError;
use crate::i18n::t;

/// The credit note `:number` of the order `:token`, laid out for printing.
#[component]
pub fn CreditNotePage() -> impl IntoView {
    let params = use_params_map();
    let param = move |name: &str| params.read_untracked().get(name).unwrap_or_default();
    let note = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("token").unwrap_or_default(),
                p.get("number").unwrap_or_default(),
            )
        },
        |(token, number)| order_credit_note(token, number),
    );
    view! {
        <Title text=t("credit-note-title") />
        <Suspense fallback=|| view! { <p>{t("invoice-loading")}</p> }>
            {move || Suspend::new(async move {
                match note.await {
                    Ok(n) => {
                        let pdf = format!("/orders/{}/credit-notes/{}/pdf", param("token"), param("number"));
                        invoice_view(n, pdf).into_any()
                    }
                    Err(AppError::NotFound) => view! {
                        <section class="card">
                            <h1>{t("credit-note-none-heading")}</h1>
                            <p>{t("credit-note-none-text")}</p>
                            <p><a href=format!("/orders/{}", param("token"))>{t("invoice-back")}</a></p>
                        </section>
                    }.into_any(),
                    Err(e) => view! { <h1>{t("credit-note-heading")}</h1><p class="error">{page_error(&e)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
