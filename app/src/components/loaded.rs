//! What a page loaded, shown the same way on every page: a line while it loads, the view of the
//! value, the login page when the session is gone, or the error.
use leptos::prelude::*;
use leptos_router::components::Redirect;
use serde::{de::DeserializeOwned, Serialize};

use super::error_box::page_error;
use crate::error::AppError;

/// Renders `resource` with `show` once it has loaded.
#[component]
pub fn Loaded<T, F, V>(resource: Resource<Result<T, AppError>>, show: F) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p>"Loading\u{2026}"</p> }>
            {move || Suspend::new(async move { outcome(resource.await, show) })}
        </Suspense>
    }
}

/// What a page shows for a loaded `result`: its view, the login page when the session is gone,
/// or the error (also for pages that reload in a `Transition`).
pub fn outcome<T, V: IntoView + 'static>(
    result: Result<T, AppError>,
    show: impl FnOnce(T) -> V,
) -> AnyView {
    match result {
        Ok(value) => show(value).into_any(),
        Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
        Err(e) => view! { <p class="error">{page_error(&e)}</p> }.into_any(),
    }
}
