//! The details of a bank transfer still to make, each with a copy button (the buttons appear
//! once the page runs JavaScript; without it the text is there to select).
use leptos::prelude::*;

use crate::i18n::{t, t_args};
use crate::wire::bank_transfer::BankTransferDue;

/// Amount, reference, account holder, IBAN, BIC and bank, and the day to pay by.
#[component]
pub fn BankTransferBox(due: BankTransferDue) -> impl IntoView {
    let b = due.bank;
    let rows = [
        (t("bank-amount"), due.amount.clone(), "amount"),
        (t("bank-reference"), due.reference.clone(), "reference"),
        (t("bank-account-holder"), b.account_holder, "account-holder"),
        (t("bank-iban"), b.iban, "iban"),
        (t("bank-bic"), b.bic, "bic"),
        (t("bank-bank"), b.bank_name, "bank"),
    ];
    view! {
        <section class="bank-transfer" aria-labelledby="bank-transfer-heading" data-field="bank-transfer">
            <h2 id="bank-transfer-heading">{t("bank-heading")}</h2>
            <p data-field="instructions">{t_args(
                "bank-instructions",
                &[("amount", due.amount.clone()), ("dueOn", due.due_on.clone())],
            )}</p>
            <dl class="bank-details">
                {rows.into_iter().filter(|(_, v, _)| !v.is_empty()).map(|(label, value, key)| view! {
                    <div class="bank-row">
                        <dt>{label.clone()}</dt>
                        <dd><span data-field=key>{value.clone()}</span> <CopyButton text=value label=label /></dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
    }
}

/// A button that copies `text`, rendered only in the browser (it needs the clipboard).
#[component]
fn CopyButton(text: String, label: String) -> impl IntoView {
    let running = RwSignal::new(false);
    Effect::new(move |_| running.set(true));
    let copied = RwSignal::new(false);
    let aria = t_args("bank-copy-label", &[("label", label)]);
    let (copy_text, copied_text) = (t("bank-copy"), t("bank-copied"));
    move || {
        let text = text.clone();
        let aria = aria.clone();
        let (copy_text, copied_text) = (copy_text.clone(), copied_text.clone());
        running.get().then(|| {
            view! {
                <button type="button" class="copy" aria-label=aria
                    on:click=move |_| { copy(&text); copied.set(true); }>
                    {move || if copied.get() { copied_text.clone() } else { copy_text.clone() }}
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
