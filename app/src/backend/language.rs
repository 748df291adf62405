//! A logged-in user's language, kept with their account: the switcher stores it, a login
//! restores it (as the switcher's cookie).
use sqlx::AnyPool;

use crate::error::Result;
use crate::i18n::Locale;

/// Remembers `locale` as user `user_id`'s choice.
pub async fn remember(pool: &AnyPool, user_id: i64, locale: Locale) -> Result<()> {
    sqlx::query("UPDATE users SET locale = $1 WHERE id = $2")
        .bind(locale.tag())
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// User `user_id`'s chosen language, if they chose one.
pub async fn chosen(pool: &AnyPool, user_id: i64) -> Result<Option<Locale>> {
    let row: Option<(Option<String>,)> = sqlx::query_as("SELECT locale FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await?;
    Ok(row
        .and_then(|(locale,)| locale)
        .and_then(|tag| Locale::from_tag(&tag)))
}

/// SQL for the language a tenant's mail is written in: that of the order that started its
/// subscription (English when there is none). `tenant_id` is the SQL expression of the tenant's
/// id in the query it goes into.
pub fn tenant_locale_sql(tenant_id: &str) -> String {
    format!(
        "COALESCE((SELECT lo.locale FROM orders lo WHERE lo.tenant_id = {tenant_id} ORDER BY lo.id LIMIT 1), 'en')"
    )
}
