//! A form's error, shown where it belongs: a summary at the top that links to the field, and the
//! message under the field itself (`aria-invalid`, `aria-describedby`), with focus moved there.
//! The error comes from the server action, or, after a plain form post, from the query string
//! (`error`, `error_field`) the server redirected back with.
use leptos::prelude::*;

use crate::error::AppError;

/// A form's current error: its message and the field it concerns (if one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    /// What to fix.
    pub message: String,
    /// The field's name without `form[...]` (`instance_name`), when the error is about one.
    pub field: Option<String>,
}

impl From<&AppError> for FormError {
    fn from(e: &AppError) -> Self {
        FormError {
            message: e.to_string(),
            field: e.field().map(str::to_string),
        }
    }
}

/// The error state of one form, cheap to copy into views.
#[derive(Debug, Clone, Copy)]
pub struct FieldErrors {
    current: Signal<Option<FormError>>,
}

/// The id of the input for field `name`.
pub fn field_id(name: &str) -> String {
    format!("field-{}", name.replace('_', "-"))
}

fn message_id(name: &str) -> String {
    format!("{}-error", field_id(name))
}

impl FieldErrors {
    /// Follows `current`.
    pub fn new(current: Signal<Option<FormError>>) -> Self {
        FieldErrors { current }
    }

    /// Whether the error concerns field `name`.
    pub fn is_on(&self, name: &str) -> bool {
        self.current
            .read()
            .as_ref()
            .and_then(|e| e.field.as_deref())
            == Some(name)
    }

    /// `aria-invalid` for field `name`.
    pub fn invalid(self, name: &'static str) -> impl Fn() -> Option<&'static str> + Send + Sync {
        move || self.is_on(name).then_some("true")
    }

    /// `aria-describedby` for field `name`: its message, when it has one.
    pub fn described_by(self, name: &'static str) -> impl Fn() -> Option<String> + Send + Sync {
        move || self.is_on(name).then(|| message_id(name))
    }

    /// Whether field `name` should take the focus when the page loads (after a plain form post).
    pub fn autofocus(self, name: &'static str) -> bool {
        self.current
            .read_untracked()
            .as_ref()
            .and_then(|e| e.field.as_deref())
            == Some(name)
    }

    /// The message under field `name`, when the error is about it.
    pub fn message(self, name: &'static str) -> impl IntoView {
        move || {
            let error = self.current.get()?;
            (error.field.as_deref() == Some(name)).then(|| {
                view! { <p class="field-error" id=message_id(name)>{error.message}</p> }
            })
        }
    }

    /// The summary at the top of the form: the message, linking to its field.
    pub fn summary(self) -> impl IntoView {
        move || {
            self.current.get().map(|e| {
                let text = e.message.clone();
                view! {
                    <div class="error form-errors" role="alert" id="form-errors" tabindex="-1">
                        <p><strong>{crate::i18n::t("checkout-check-your-order")}</strong>" "
                        {match e.field {
                            Some(f) => view! { <a href=format!("#{}", field_id(&f))>{text}</a> }.into_any(),
                            None => view! { <span>{text}</span> }.into_any(),
                        }}
                        </p>
                    </div>
                }
            })
        }
    }

    /// Moves the focus to the wrong field (or to the summary) whenever a new error arrives in
    /// the browser.
    pub fn focus_on_change(self) {
        Effect::new(move |_| {
            let Some(error) = self.current.get() else {
                return;
            };
            let target = error
                .field
                .map(|f| field_id(&f))
                .unwrap_or_else(|| "form-errors".into());
            // After the view has updated (the summary may have just appeared).
            request_animation_frame(move || focus(&target));
        });
    }
}

/// Focuses the element with `id`, if there is one.
fn focus(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
