//! Forgotten passwords, for every account on the host it belongs to (the operator's on the
//! platform, a tenant's users on its instance): a mail with a one-time link, valid one hour,
//! whose code is stored only as a digest. Asking answers the same whether or not the address has
//! an account. Setting the new password uses the link up (of twenty uses at once, one) and ends
//! the account's other sessions.
use chrono::Duration;

use super::auth::find_login_candidate;
use super::db::{begin, ts};
use super::host::HostKind;
use super::one_time;
use super::state::AppState;
use crate::domain::{Email, Password};
use crate::error::{AppError, Result};
use crate::i18n::{tr, tr_args, Locale};

/// How long a reset link stays valid.
pub const VALID_MINUTES: i64 = 60;

/// Reset links mailed to one account per hour, at most.
pub const MAX_PER_HOUR: i64 = 3;

/// The page a reset link opens on `host`.
fn link(st: &AppState, host: &HostKind, code: &str) -> String {
    let base = match host {
        HostKind::Platform => st.config.storefront_url(),
        HostKind::Instance(name) => st.config.instance_url(name),
    };
    format!("{base}/reset-password?code={code}")
}

/// Mails a reset link to `email` if it has an account on `host`; the answer (and nothing else
/// the caller can see) is the same either way. A malformed address is a clear error.
pub async fn request(st: &AppState, host: &HostKind, email: &str, locale: Locale) -> Result<()> {
    let email = Email::parse(email)
        .map_err(|_| AppError::Invalid(tr(locale, "reset-error-email")).in_field("email"))?;
    let Some(user) = find_login_candidate(&st.pool, email.as_str(), host).await? else {
        return Ok(());
    };
    let now = st.now();
    let code = one_time::code(40);
    // At most a few links an hour per account, however often (and at once) it is asked: the
    // account's row is locked while its recent links are counted. Past the limit the answer is
    // the same and no mail goes, so the form can't be used to flood an inbox.
    let mut tx = begin(&st.pool).await?;
    sqlx::query("UPDATE users SET session_epoch = session_epoch WHERE id = $1")
        .bind(user.id)
        .execute(&mut *tx)
        .await?;
    let (recent,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM password_resets WHERE user_id = $1 AND created_at > $2",
    )
    .bind(user.id)
    .bind(ts(now - Duration::hours(1)))
    .fetch_one(&mut *tx)
    .await?;
    if recent >= MAX_PER_HOUR {
        tracing::info!(
            user_id = user.id,
            "reset link asked for too often; none sent"
        );
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO password_resets (user_id, code_hash, expires_at, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(user.id)
    .bind(one_time::digest(&code))
    .bind(ts(now + Duration::minutes(VALID_MINUTES)))
    .bind(ts(now))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    // On an instance, the mail wears its storefront's brand.
    let brand = super::brand::of_host(st, host).await.unwrap_or_default();
    let body = [
        tr(locale, "mail-hello"),
        tr_args(locale, "mail-reset", &[("url", link(st, host, &code))]),
        tr(locale, "mail-reset-not-you"),
        super::brand::signature(brand.as_ref(), locale),
    ]
    .join("\n\n");
    // A mail that cannot be sent is logged; the answer stays the same.
    let _ = st
        .mailer
        .send(
            &st.config.mail_from,
            &user.email,
            &tr(locale, "mail-reset-subject"),
            body,
        )
        .await;
    Ok(())
}

/// Sets a new password with the link's `code`: refused (and nothing changed) for a code that is
/// unknown, expired, already used or of another host's account, and for a weak password. Every
/// session of the account made before now ends.
pub async fn reset(
    st: &AppState,
    host: &HostKind,
    code: &str,
    password: &str,
    locale: Locale,
) -> Result<()> {
    let password = Password::parse(password)
        .map_err(|e| AppError::Invalid(e.to_string()).in_field("password"))?;
    let hash = st.passwords.hash(password.expose().to_string()).await?;
    let now = st.now();
    let mut tx = begin(&st.pool).await?;
    // One conditional update uses the link: of any number of uses at once, one changes the
    // password.
    let used: Option<(i64,)> = sqlx::query_as(
        "UPDATE password_resets SET used_at = $1 WHERE code_hash = $2 AND used_at IS NULL \
         AND expires_at > $1 RETURNING user_id",
    )
    .bind(ts(now))
    .bind(one_time::digest(code))
    .fetch_optional(&mut *tx)
    .await?;
    let refused = || AppError::Invalid(tr(locale, "reset-error-link"));
    let Some((user_id,)) = used else {
        return Err(refused());
    };
    // The link is good only on the host of its account.
    let (email,): (String,) = sqlx::query_as("SELECT email FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&mut *tx)
        .await?;
    match find_login_candidate(&st.pool, &email, host).await? {
        Some(u) if u.id == user_id => {}
        _ => return Err(refused()),
    }
    sqlx::query(
        "UPDATE users SET password_hash = $1, session_epoch = session_epoch + 1 WHERE id = $2",
    )
    .bind(hash)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    // A tenant's member signs in to the instance with the same password.
    if let HostKind::Instance(name) = host {
        if let Ok(tenant_id) = super::portal::tenant_id_by_name(st, name).await {
            super::members::instance::sync_logged(st, tenant_id, user_id).await;
        }
    }
    Ok(())
}
