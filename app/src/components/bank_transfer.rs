//! The details of a bank transfer still to make, each with a copy button (the buttons appear
//! once the page runs JavaScript; without it the text is there to select).
use leptos::prelude::*;

use crate::wire::bank_transfer::BankTransferDue;

/// Amount, reference, account holder, IBAN, BIC and bank, and the day to pay by.
#[component]
pub fn BankTransferBox(due: BankTransferDue) -> impl IntoView {
    let b = due.bank;
    let rows = [
        ("Amount", due.amount.clone(), "amount"),
        ("Reference", due.reference.clone(), "reference"),
        ("Account holder", b.account_holder, "account-holder"),
        ("IBAN", b.iban, "iban"),
        ("BIC", b.bic, "bic"),
        ("Bank", b.bank_name, "bank"),
    ];
    view! {
        <section class="bank-transfer" aria-labelledby="bank-transfer-heading" data-field="bank-transfer">
            <h2 id="bank-transfer-heading">"Pay by bank transfer"</h2>
            <p data-field="instructions">{format!(
                "Please transfer {} by {}, quoting the reference below, so we can match your payment.",
                due.amount, due.due_on
            )}</p>
            <dl class="bank-details">
                {rows.into_iter().filter(|(_, v, _)| !v.is_empty()).map(|(label, value, key)| view! {
                    <div class="bank-row">
                        <dt>{label}</dt>
                        <dd><span data-field=key>{value.clone()}</span> <CopyButton text=value label=label /></dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
    }
}

/// A button that copies `text`, rendered only in the browser (it needs the clipboard).
#[component]
fn CopyButton(text: String, label: &'static str) -> impl IntoView {
    let running = RwSignal::new(false);
    Effect::new(move |_| running.set(true));
    let copied = RwSignal::new(false);
    move || {
        let text = text.clone();
        running.get().then(|| {
            view! {
                <button type="button" class="copy" aria-label=format!("Copy {label}")
                    on:click=move |_| { copy(&text); copied.set(true); }>
                    {move || if copied.get() { "Copied" } else { "Copy" }}
                </button>
            }
        })
    }
}

/// Puts `text` on the clipboard.
fn copy(text: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _promise = window().navigator().clipboard().write_text(text);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = text;
}
