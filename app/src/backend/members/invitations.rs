//! Invitations: an admin invites an address with a role; the invitee gets a mail with a one-time
//! link (its code stored only as a digest, valid 72 hours) to set their name and password. An
//! open invitation holds a seat of the licence until it is accepted, revoked or expires.
use chrono::Duration;

use super::{instance, record, seats};
use crate::backend::auth::{insert_user, NewUser};
use crate::backend::db::{begin, is_unique_violation, ts};
use crate::backend::language::tenant_locale_sql;
use crate::backend::one_time;
use crate::backend::state::AppState;
use crate::backend::tenants::lock as lock_tenant;
use crate::domain::members::{member_role, MemberEvent, MemberState, INVITATION_HOURS};
use crate::domain::{Email, Password, RequiredText, Role};
use crate::error::{AppError, Result};
use crate::i18n::{tr, tr_args, Locale};
use crate::wire::members::InvitationLanding;

/// Invites `email` to tenant `tenant_id` as `role`, if a seat is free; mails the link.
pub async fn invite(
    st: &AppState,
    tenant_id: i64,
    by: i64,
    actor: &str,
    email: &str,
    role: Role,
) -> Result<()> {
    let email = Email::parse(email)
        .map_err(|_| AppError::Invalid("Enter a valid email address.".into()).in_field("email"))?;
    let role = member_role(role)?;
    let now = st.now();
    let code = one_time::code(40);
    let mut tx = begin(&st.pool).await?;
    lock_tenant(&mut tx, tenant_id).await?;
    let member: Option<(MemberState,)> =
        sqlx::query_as("SELECT state FROM users WHERE tenant_id = $1 AND email = $2")
            .bind(tenant_id)
            .bind(email.as_str())
            .fetch_optional(&mut *tx)
            .await?;
    if member.is_some_and(|(s,)| s != MemberState::Removed) {
        return Err(AppError::Conflict(format!(
            "{email} is already a user of this instance."
        )));
    }
    let open: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, expires_at FROM invitations WHERE tenant_id = $1 AND email = $2 \
         AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(tenant_id)
    .bind(email.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    match open {
        Some((_, expires)) if expires > ts(now) => {
            return Err(AppError::Conflict(format!(
                "{email} is invited already: send the invitation again from the list."
            )))
        }
        // An expired invitation makes way for the new one.
        Some((id, _)) => {
            sqlx::query("UPDATE invitations SET revoked_at = $1 WHERE id = $2")
                .bind(ts(now))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        None => {}
    }
    seats(&mut tx, tenant_id, now).await?.room_for_one()?;
    let inserted = sqlx::query(
        "INSERT INTO invitations (tenant_id, email, role, code_hash, invited_by, expires_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(tenant_id)
    .bind(email.as_str())
    .bind(role)
    .bind(one_time::digest(&code))
    .bind(by)
    .bind(ts(now + Duration::hours(INVITATION_HOURS)))
    .bind(ts(now))
    .execute(&mut *tx)
    .await;
    match inserted {
        Err(e) if is_unique_violation(&e, "invitations") => {
            return Err(AppError::Conflict(format!("{email} is invited already.")))
        }
        other => other?,
    };
    record(
        &mut tx,
        tenant_id,
        email.as_str(),
        MemberEvent::Invited,
        role,
        actor,
        now,
    )
    .await?;
    tx.commit().await?;
    send(st, tenant_id, email.as_str(), role, &code).await;
    Ok(())
}

/// Sends invitation `id` again with a new link valid from now (an expired one needs a free seat).
pub async fn resend(st: &AppState, tenant_id: i64, actor: &str, id: i64) -> Result<()> {
    let now = st.now();
    let code = one_time::code(40);
    let mut tx = begin(&st.pool).await?;
    lock_tenant(&mut tx, tenant_id).await?;
    let (email, role, expires) = open_invitation(&mut tx, tenant_id, id).await?;
    if expires <= ts(now) {
        seats(&mut tx, tenant_id, now).await?.room_for_one()?;
    }
    sqlx::query("UPDATE invitations SET code_hash = $1, expires_at = $2 WHERE id = $3")
        .bind(one_time::digest(&code))
        .bind(ts(now + Duration::hours(INVITATION_HOURS)))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        tenant_id,
        &email,
        MemberEvent::InvitationResent,
        role,
        actor,
        now,
    )
    .await?;
    tx.commit().await?;
    send(st, tenant_id, &email, role, &code).await;
    Ok(())
}

/// Takes invitation `id` back: its link stops working and its seat is free.
pub async fn revoke(st: &AppState, tenant_id: i64, actor: &str, id: i64) -> Result<()> {
    let now = st.now();
    let mut tx = begin(&st.pool).await?;
    let (email, role, _) = open_invitation(&mut tx, tenant_id, id).await?;
    sqlx::query("UPDATE invitations SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(ts(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        tenant_id,
        &email,
        MemberEvent::InvitationRevoked,
        role,
        actor,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The open invitation `id` of the tenant: its address, role and expiry.
async fn open_invitation(
    conn: &mut sqlx::AnyConnection,
    tenant_id: i64,
    id: i64,
) -> Result<(String, Role, String)> {
    sqlx::query_as(
        "SELECT email, role, expires_at FROM invitations WHERE id = $1 AND tenant_id = $2 \
         AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(id)
    .bind(tenant_id)
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| AppError::Invalid("This invitation is no longer open.".into()))
}

/// What the link with `code` invites to, on the instance of tenant `tenant_id`; a code that is
/// unknown, used, revoked, expired or another tenant's is refused the same way.
pub async fn landing(st: &AppState, tenant_id: i64, code: &str) -> Result<InvitationLanding> {
    let row: Option<(String, Role, String)> = sqlx::query_as(
        "SELECT i.email, i.role, c.company FROM invitations i JOIN tenants t ON t.id = i.tenant_id \
         JOIN customers c ON c.id = t.customer_id WHERE i.code_hash = $1 AND i.tenant_id = $2 \
         AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > $3",
    )
    .bind(one_time::digest(code))
    .bind(tenant_id)
    .bind(ts(st.now()))
    .fetch_optional(&st.pool)
    .await?;
    let (email, role, company) = row.ok_or_else(link_refused)?;
    Ok(InvitationLanding {
        email,
        company,
        role,
    })
}

fn link_refused() -> AppError {
    AppError::Invalid(
        "This invitation link is not valid: it was used, taken back or has expired. Ask your admin to send it again.".into(),
    )
}

/// Accepts the invitation with `code` on tenant `tenant_id`'s instance: the member is created
/// (or a removed one comes back) with this name and password, active. Of any number of uses of
/// one link at once, one succeeds.
pub async fn accept(
    st: &AppState,
    tenant_id: i64,
    code: &str,
    full_name: &str,
    password: &str,
) -> Result<()> {
    let full_name = RequiredText::parse("Your name", full_name, 200)
        .map_err(|e| AppError::from(e).in_field("full_name"))?;
    let password = Password::parse(password)
        .map_err(|e| AppError::Invalid(e.to_string()).in_field("password"))?;
    let hash = st.passwords.hash(password.expose().to_string()).await?;
    let now = st.now();
    let mut tx = begin(&st.pool).await?;
    let claimed: Option<(String, Role)> = sqlx::query_as(
        "UPDATE invitations SET accepted_at = $1 WHERE code_hash = $2 AND tenant_id = $3 \
         AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $1 RETURNING email, role",
    )
    .bind(ts(now))
    .bind(one_time::digest(code))
    .bind(tenant_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (email, role) = claimed.ok_or_else(link_refused)?;
    let existing: Option<(i64, MemberState)> =
        sqlx::query_as("SELECT id, state FROM users WHERE tenant_id = $1 AND email = $2")
            .bind(tenant_id)
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await?;
    let user_id = match existing {
        Some((_, state)) if state != MemberState::Removed => {
            return Err(AppError::Conflict(format!(
                "{email} is already a user of this instance."
            )))
        }
        Some((id, _)) => {
            sqlx::query(
                "UPDATE users SET full_name = $1, password_hash = $2, role = $3, state = 'active', \
                 session_epoch = session_epoch + 1 WHERE id = $4",
            )
            .bind(full_name.as_str())
            .bind(&hash)
            .bind(role)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            id
        }
        None => {
            let parsed = Email::parse(&email).map_err(|_| AppError::Internal)?;
            insert_user(
                &mut tx,
                now,
                NewUser {
                    email: &parsed,
                    password_hash: &hash,
                    full_name: full_name.as_str(),
                    role,
                    tenant_id: Some(tenant_id),
                    customer_id: None,
                },
            )
            .await?
        }
    };
    record(
        &mut tx,
        tenant_id,
        &email,
        MemberEvent::Joined,
        role,
        &email,
        now,
    )
    .await?;
    tx.commit().await?;
    instance::sync_logged(st, tenant_id, user_id).await;
    Ok(())
}

/// Mails the invitation's link, in the tenant's language; a mail that can't be sent is logged
/// (the admin can send it again).
async fn send(st: &AppState, tenant_id: i64, email: &str, role: Role, code: &str) {
    let found: std::result::Result<Option<(String, String, String)>, sqlx::Error> =
        sqlx::query_as(&format!(
            "SELECT t.name, c.company, {} FROM tenants t JOIN customers c ON c.id = t.customer_id WHERE t.id = $1",
            tenant_locale_sql("t.id")
        ))
        .bind(tenant_id)
        .fetch_optional(&st.pool)
        .await;
    let Ok(Some((name, company, locale))) = found else {
        tracing::error!(
            tenant_id,
            "the invitation's tenant could not be read; no mail sent"
        );
        return;
    };
    let locale = Locale::from_tag(&locale).unwrap_or_default();
    let url = format!("{}/invitation?code={code}", st.config.instance_url(&name));
    let body = [
        tr(locale, "mail-hello"),
        tr_args(
            locale,
            "mail-invitation",
            &[
                ("company", company.clone()),
                ("role", tr(locale, &format!("role-{}", role.as_str()))),
                ("url", url),
                ("hours", INVITATION_HOURS.to_string()),
            ],
        ),
        tr(locale, "mail-invitation-not-you"),
        crate::backend::brand::signature_of_tenant(&st.pool, tenant_id, locale).await,
    ]
    .join("\n\n");
    let subject = tr_args(locale, "mail-invitation-subject", &[("company", company)]);
    if let Err(e) = st
        .mailer
        .send(&st.config.mail_from, email, &subject, body)
        .await
    {
        tracing::warn!(tenant_id, error = %e, "the invitation mail could not be sent");
    }
}
