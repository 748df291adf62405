//! An error message box for forms and pages.
use leptos::prelude::*;

use crate::error::AppError;

/// Shows a message in an alert box when there is one.
#[component]
pub fn ErrorBox(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message
            .get()
            .map(|m| view! { <p class="error" role="alert">{m}</p> })
    }
}

/// The message to show for a page-level error.
pub fn page_error(e: &AppError) -> String {
    match e {
        AppError::NotFound => "This page does not exist.".into(),
        other => other.to_string(),
    }
}
