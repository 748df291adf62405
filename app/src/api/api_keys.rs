//! The operator's API keys: list, create (shown once), revoke.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::api_keys::ApiKeyView;

/// Every key, for operators.
#[server]
pub async fn list_api_keys() -> Result<Vec<ApiKeyView>, AppError> {
    use crate::backend::{api_keys, context};
    context::as_operator(None, |st, _| async move { api_keys::list(&st.pool).await }).await
}

/// Creates a key and returns it in plain text, the only time it is shown.
#[server]
pub async fn create_api_key(name: String) -> Result<String, AppError> {
    use crate::backend::{api_keys, context};
    context::as_operator(Some(("/operator/api-keys", &[])), |st, user| async move {
        api_keys::create(&st.pool, st.now(), user.id, &name).await
    })
    .await
}

/// Revokes a key at once.
#[server]
pub async fn revoke_api_key(key_id: i64) -> Result<(), AppError> {
    use crate::backend::{api_keys, context};
    context::as_operator(Some(("/operator/api-keys", &[])), |st, _| async move {
        api_keys::revoke(&st.pool, st.now(), key_id).await
    })
    .await
}
