//! Accounts: login with throttling, the session's user and its lifetime, new platform users. An
//! account with two-factor sign-in is logged in only after its second step
//! ([`super::two_factor::login`]).
use serde::{Deserialize, Serialize};
use sqlx::AnyPool;
use tower_sessions::Session;

use super::db::ts;
use super::host::HostKind;
use super::state::AppState;
use super::throttle;
use crate::domain::{Email, Role};
use crate::error::{AppError, Result};
use crate::wire::auth::{LoginStep, UserView};

pub(crate) const SESSION_USER: &str = "user";
/// A session ends this long after login, however active it is.
pub const ABSOLUTE_SESSION_HOURS: i64 = 12;

/// What the session remembers about its user.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionUser {
    /// The user's id.
    pub user_id: i64,
    /// When they logged in (unix seconds), for the absolute expiry.
    pub login_at: i64,
    /// The host it was created on: a session is only valid where it was made.
    pub scope: String,
    /// The account's session epoch at login: a password reset raises it, ending the session.
    #[serde(default)]
    pub epoch: i64,
}

pub(crate) fn scope_of(host: &HostKind) -> String {
    match host {
        HostKind::Platform => "platform".into(),
        HostKind::Instance(name) => format!("instance:{name}"),
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    pub(crate) id: i64,
    pub(crate) email: String,
    password_hash: String,
    full_name: String,
    role: String,
    tenant_id: Option<i64>,
    pub(crate) session_epoch: i64,
}

impl UserRow {
    /// The user as pages see them.
    pub(crate) fn view(self) -> Result<UserView> {
        Ok(UserView {
            id: self.id,
            email: self.email,
            full_name: self.full_name,
            role: self.role.parse::<Role>().map_err(|_| AppError::Internal)?,
            tenant_id: self.tenant_id,
        })
    }
}

const USER_COLUMNS: &str = "id, email, password_hash, full_name, role, tenant_id, session_epoch";

pub(crate) async fn find_login_candidate(
    pool: &AnyPool,
    email: &str,
    host: &HostKind,
) -> Result<Option<UserRow>> {
    let row = match host {
        HostKind::Platform => {
            sqlx::query_as::<_, UserRow>(&format!(
                "SELECT {USER_COLUMNS} FROM users WHERE email = $1 AND tenant_id IS NULL AND state = 'active'"
            ))
            .bind(email)
            .fetch_optional(pool)
            .await?
        }
        HostKind::Instance(name) => {
            sqlx::query_as::<_, UserRow>(&format!(
                "SELECT u.{} FROM users u JOIN tenants t ON t.id = u.tenant_id \
                 WHERE u.email = $1 AND t.name = $2 AND t.state <> 'failed' AND u.state = 'active'",
                USER_COLUMNS.replace(", ", ", u.")
            ))
            .bind(email)
            .bind(name)
            .fetch_optional(pool)
            .await?
        }
    };
    Ok(row)
}

/// A hash of a password nobody has, so unknown accounts cost as much time as known ones.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$4mZ4fOlG4tQW2hZ0q3P8m6Xc0cKq0dN2Gm0mDkq1m2Q";

/// Logs a user in on this host, rotating the session id. Each attempt is counted before its
/// password is checked, and refused with 429 when the account or address failed too often. An
/// account with two-factor sign-in is not logged in yet: the session waits for its code.
pub async fn login(
    st: &AppState,
    session: &Session,
    host: &HostKind,
    ip: &str,
    email: &str,
    password: String,
) -> Result<LoginStep> {
    let email = Email::parse(email)
        .map_err(|_| AppError::Invalid("Enter a valid email address.".into()))?;
    let now = st.now();
    let account = format!("{}:{}", scope_of(host), email.as_str());
    let claim = throttle::claim(&st.pool, now, &account, ip).await?;
    let candidate = find_login_candidate(&st.pool, email.as_str(), host).await?;
    let hash = candidate
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| DUMMY_HASH.into());
    let matches = st.passwords.verify(password, hash).await.unwrap_or(false);
    let user = match (candidate, matches) {
        (Some(user), true) => user,
        _ => {
            throttle::record(&st.pool, now, email.as_str(), ip, false).await?;
            return Err(AppError::Invalid("Wrong email or password.".into()));
        }
    };
    claim.succeeded(&st.pool).await?;
    throttle::record(&st.pool, now, email.as_str(), ip, true).await?;
    // A member's login is the instance's activity, which its health check reports.
    sqlx::query("UPDATE users SET last_login_at = $1 WHERE id = $2")
        .bind(super::db::ts(now))
        .bind(user.id)
        .execute(&st.pool)
        .await?;
    if super::two_factor::is_enabled(&st.pool, user.id).await? {
        super::two_factor::login::await_second_factor(session, host, now, &user).await?;
        return Ok(LoginStep::SecondFactor {
            second_factor: super::two_factor::login::PAGE.into(),
        });
    }
    begin_session(session, host, now, &user).await?;
    Ok(LoginStep::LoggedIn(user.view()?))
}

/// Makes this session the user's, under a fresh id (which defeats session fixation).
pub(crate) async fn begin_session(
    session: &Session,
    host: &HostKind,
    now: chrono::DateTime<chrono::Utc>,
    user: &UserRow,
) -> Result<()> {
    session.cycle_id().await?;
    session
        .insert(
            SESSION_USER,
            SessionUser {
                user_id: user.id,
                login_at: now.timestamp(),
                scope: scope_of(host),
                epoch: user.session_epoch,
            },
        )
        .await?;
    Ok(())
}

/// The active account with this id whose sessions of `epoch` are still valid.
pub(crate) async fn active_user(pool: &AnyPool, id: i64, epoch: i64) -> Result<Option<UserRow>> {
    Ok(sqlx::query_as::<_, UserRow>(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE id = $1 AND session_epoch = $2 AND state = 'active'"
    ))
    .bind(id)
    .bind(epoch)
    .fetch_optional(pool)
    .await?)
}

/// Ends the session.
pub async fn logout(session: &Session) -> Result<()> {
    session.flush().await?;
    Ok(())
}

/// The logged-in user of this session on this host, if any and if still within its lifetime.
pub async fn current_user(
    st: &AppState,
    session: &Session,
    host: &HostKind,
) -> Result<Option<UserView>> {
    let Some(su) = session.get::<SessionUser>(SESSION_USER).await? else {
        return Ok(None);
    };
    if su.scope != scope_of(host) {
        return Ok(None);
    }
    if st.now().timestamp() - su.login_at > ABSOLUTE_SESSION_HOURS * 3600 {
        session.flush().await?;
        return Ok(None);
    }
    // A session made before the password was reset is over.
    let row = active_user(&st.pool, su.user_id, su.epoch).await?;
    if row.is_none() {
        session.flush().await?;
    }
    row.map(UserRow::view).transpose()
}

/// The logged-in operator, or an error that says what is missing. While operators must use
/// two-factor sign-in, one without it may only enrol (the account's pages do not ask for this).
pub async fn require_operator(st: &AppState, session: &Session) -> Result<UserView> {
    match current_user(st, session, &HostKind::Platform).await? {
        Some(u) if u.role == Role::Operator => {
            if super::two_factor::settings::operator_must_enrol(&st.pool, u.id).await? {
                return Err(AppError::SecondFactorRequired);
            }
            Ok(u)
        }
        Some(_) => Err(AppError::Forbidden),
        None => Err(AppError::Unauthorized),
    }
}

/// The logged-in member of the tenant with this id holding one of `roles`: another of its
/// members gets "forbidden"; anyone else "not found" (they learn nothing about the tenant).
pub async fn require_tenant_role(
    st: &AppState,
    session: &Session,
    host: &HostKind,
    tenant_id: i64,
    roles: &[Role],
) -> Result<UserView> {
    match current_user(st, session, host).await? {
        Some(u) if u.tenant_id == Some(tenant_id) && roles.contains(&u.role) => Ok(u),
        Some(u) if u.tenant_id == Some(tenant_id) => Err(AppError::Forbidden),
        Some(_) => Err(AppError::NotFound),
        None if session.get::<SessionUser>(SESSION_USER).await?.is_some() => {
            Err(AppError::NotFound)
        }
        None => Err(AppError::Unauthorized),
    }
}

/// A platform account about to be created.
pub struct NewUser<'a> {
    /// Login email.
    pub email: &'a Email,
    /// Argon2id hash from [`hash_password`].
    pub password_hash: &'a str,
    /// Display name.
    pub full_name: &'a str,
    /// What the account may do.
    pub role: Role,
    /// The tenant an admin or user belongs to.
    pub tenant_id: Option<i64>,
    /// The customer the account acts for.
    pub customer_id: Option<i64>,
}

/// Creates a platform user row (inside the caller's transaction).
pub async fn insert_user(
    conn: &mut sqlx::AnyConnection,
    now: chrono::DateTime<chrono::Utc>,
    u: NewUser<'_>,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO users (email, password_hash, full_name, role, tenant_id, customer_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(u.email.as_str())
    .bind(u.password_hash)
    .bind(u.full_name)
    .bind(u.role.as_str())
    .bind(u.tenant_id)
    .bind(u.customer_id)
    .bind(ts(now))
    .fetch_one(conn)
    .await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_dummy_hash_is_well_formed() {
        let passwords = crate::backend::passwords::Passwords::new(1);
        assert!(!passwords
            .verify("anything".into(), DUMMY_HASH.into())
            .await
            .expect("parses"));
    }
}
