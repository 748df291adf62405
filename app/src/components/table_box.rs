//! Tables on narrow screens, and tables with nothing in them.
use leptos::prelude::*;

/// A table in a box of its own that scrolls sideways on a narrow screen, instead of the page.
/// The box is a named region and takes the focus, so a keyboard can scroll it too.
#[component]
pub fn TableBox(
    /// What the table lists ("Orders").
    #[prop(into)]
    label: String,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-box" role="region" aria-label=label tabindex="0">{children()}</div>
    }
}

/// The view of `rows`, or, when there are none, a line that says why (and what fills it).
pub fn rows_or<T, V: IntoView + 'static>(
    rows: Vec<T>,
    why_empty: impl Into<String>,
    show: impl FnOnce(Vec<T>) -> V,
) -> AnyView {
    if rows.is_empty() {
        view! { <p class="muted empty">{why_empty.into()}</p> }.into_any()
    } else {
        show(rows).into_any()
    }
}
