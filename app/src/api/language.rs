//! The language switcher: remembers the visitor's choice in a cookie and returns to the page.
use leptos::prelude::*;

use crate::error::AppError;

/// Switches the site to language `lang` (`en`, `de`) and goes back to `back` (a path on this
/// site). Posted by a plain form, so the page reloads in the new language with or without
/// JavaScript.
#[server]
pub async fn set_language(lang: String, back: String) -> Result<(), AppError> {
    use crate::backend::context;
    use crate::i18n::{Locale, COOKIE};
    let result = async {
        let st = context::state()?;
        let locale = Locale::from_tag(&lang).ok_or_else(|| {
            AppError::Invalid(format!("\"{lang}\" is not a language of this site."))
        })?;
        let secure = if st.config.secure_cookies() {
            "; Secure"
        } else {
            ""
        };
        let cookie = format!(
            "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
            locale.tag()
        );
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(value) = http::HeaderValue::from_str(&cookie) {
                res.append_header(http::header::SET_COOKIE, value);
            }
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
