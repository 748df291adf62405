//! The second step of a destructive action, without JavaScript: the action's first button only
//! opens a disclosure that asks the question and holds the real submit button.
use leptos::prelude::*;

/// Goes inside the action's form in place of its submit button. `children` are fields the
/// confirmation needs (a reason, say); they show with the question.
#[component]
pub fn ConfirmSubmit(
    /// The first button: what the action does ("Delete").
    #[prop(into)]
    label: String,
    /// The question the second step asks ("Really delete plan X?").
    #[prop(into)]
    question: String,
    /// The real submit button ("Yes, delete").
    #[prop(into)]
    confirm: String,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <details class="confirm">
            <summary>{label}</summary>
            <div class="confirm-step">
                <p>{question} " " <span class="muted">"(Close this to keep it.)"</span></p>
                {children.map(|c| c())}
                <button type="submit" class="danger">{confirm}</button>
            </div>
        </details>
    }
}
