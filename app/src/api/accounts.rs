//! The logged-in user's own account: changing the password. A plain form post comes back to the
//! account page, saying it is done or what was wrong.
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::auth::UserView;

/// Changes the logged-in user's password; the account's other sessions end.
#[server]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::backend::{accounts, context};
    let result = async {
        let st = context::state()?;
        let session = context::session().await?;
        let host = context::host_kind()?;
        let ip = context::client_ip(&st);
        let locale = context::request_locale();
        accounts::change_password(
            &st,
            &session,
            &host,
            &ip,
            current_password,
            &new_password,
            locale,
        )
        .await
        .map(|_| ())
    }
    .await;
    context::finish_then(result, "/account?changed=1", ("/account", &[]))
}
