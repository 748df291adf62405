//! The language switcher: remembers the visitor's choice in a cookie (and, for a logged-in user,
//! with their account) and returns to the page.
use leptos::prelude::*;

use crate::error::AppError;

/// Switches the site to language `lang` (`en`, `de`) and goes back to `back` (a path on this
/// site). Posted by a plain form, so the page reloads in the new language with or without
/// JavaScript.
#[server]
pub async fn set_language(lang: String, back: String) -> Result<(), AppError> {
    use crate::backend::{auth, context, language};
    use crate::i18n::Locale;
    let result = async {
        let st = context::state()?;
        let locale = Locale::from_tag(&lang).ok_or_else(|| {
            AppError::Invalid(format!("\"{lang}\" is not a language of this site."))
        })?;
        set_cookie(&st, locale);
        // A logged-in user keeps the choice with their account.
        let session = context::session().await?;
        if let Some(user) = auth::current_user(&st, &session, &context::host_kind()?).await? {
            language::remember(&st.pool, user.id, locale).await?;
        }
        // Only a path on this site: never an address elsewhere (`//host`, `https://...`).
        let back = if back.starts_with('/') && !back.starts_with("//") && !back.contains('\\') {
            back
        } else {
            "/".to_string()
        };
        leptos_axum::redirect(&back);
        Ok(())
    }
    .await;
    context::finish(result, None)
}

/// Sets the switcher's cookie to `locale` on this response.
#[cfg(feature = "ssr")]
pub fn set_cookie(st: &crate::backend::state::AppState, locale: crate::i18n::Locale) {
    let secure = if st.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        crate::i18n::COOKIE,
        locale.tag()
    );
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(value) = http::HeaderValue::from_str(&cookie) {
            res.append_header(http::header::SET_COOKIE, value);
        }
    }
}
