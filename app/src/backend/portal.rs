//! The tenant admin's view of their own instance, read from the platform and the instance database.
use sqlx::Connection;

use super::catalog::plan_by_id;
use super::provisioning::TenantDb;
use super::state::AppState;
use super::{auth, context};
use crate::domain::{Role, TenantState};
use crate::error::{AppError, Result};
use crate::wire::auth::UserView;
use crate::wire::portal::{InstanceUserView, PortalView};

/// The live tenant that owns this instance name, or not-found.
pub async fn tenant_id_by_name(st: &AppState, name: &str) -> Result<i64> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM tenants WHERE name = $1 AND state <> 'failed'")
            .bind(name)
            .fetch_optional(&st.pool)
            .await?;
    row.map(|r| r.0).ok_or(AppError::NotFound)
}

/// The state, the tenant of this instance host and its logged-in member holding one of `roles`.
pub async fn member(roles: &[Role]) -> Result<(AppState, i64, UserView)> {
    let st = context::state()?;
    let session = context::session().await?;
    let name = context::require_instance_host()?;
    let tenant_id = tenant_id_by_name(&st, &name).await?;
    let user =
        auth::require_tenant_role(&st, &session, &context::host_kind()?, tenant_id, roles).await?;
    Ok((st, tenant_id, user))
}

/// Everything the portal's overview shows, for one tenant.
pub async fn overview(st: &AppState, tenant_id: i64) -> Result<PortalView> {
    let (name, state, plan_id, company): (String, TenantState, i64, String) = sqlx::query_as(
        "SELECT t.name, t.state, t.plan_id, c.company FROM tenants t \
         JOIN customers c ON c.id = t.customer_id WHERE t.id = $1",
    )
    .bind(tenant_id)
    .fetch_optional(&st.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let plan = plan_by_id(&st.pool, plan_id).await?;
    let trial_ends_at: Option<(Option<String>,)> = sqlx::query_as(
        "SELECT trial_ends_at FROM subscriptions WHERE tenant_id = $1 AND status = 'trial'",
    )
    .bind(tenant_id)
    .fetch_optional(&st.pool)
    .await?;
    let licensed = {
        let mut conn = st.pool.acquire().await?;
        super::members::licensed_users(&mut conn, tenant_id).await?
    };
    let (users, user_count, modules) = match TenantDb::of_tenant(&st.pool, tenant_id).await? {
        Some(db) => read_instance(st, &db).await?,
        None => (Vec::new(), 0, Vec::new()),
    };
    Ok(PortalView {
        instance_url: st.config.instance_url(&name),
        order_more_url: order_more_url(st, tenant_id).await?,
        name,
        company,
        state,
        plan_name: plan.name.clone(),
        price_label: plan.view()?.price_label,
        included_users: licensed,
        trial_ends_at: trial_ends_at
            .and_then(|t| t.0)
            .map(|t| super::db::show_day(&t)),
        users,
        user_count,
        modules: module_names(st, modules).await?,
    })
}

/// The catalog's names of module codes (a code the catalog does not know is kept as it is).
async fn module_names(st: &AppState, codes: Vec<String>) -> Result<Vec<String>> {
    let known: Vec<(String, String)> = sqlx::query_as("SELECT code, name FROM modules")
        .fetch_all(&st.pool)
        .await?;
    Ok(codes
        .into_iter()
        .map(|code| {
            known
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(_, name)| name.clone())
                .unwrap_or(code)
        })
        .collect())
}

/// How many of the instance's users the overview lists (the Users page has them all).
const OVERVIEW_USERS: i64 = 20;

/// Reads the instance's first users, their number and its modules with the instance's own
/// credentials.
async fn read_instance(
    st: &AppState,
    db: &TenantDb,
) -> Result<(Vec<InstanceUserView>, i64, Vec<String>)> {
    let mut conn = db.connect(&st.config).await?;
    let users: Vec<(String, String, String)> =
        sqlx::query_as("SELECT email, full_name, role FROM users ORDER BY id LIMIT $1")
            .bind(OVERVIEW_USERS)
            .fetch_all(&mut conn)
            .await?;
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&mut conn)
        .await?;
    let modules: Vec<(String,)> = sqlx::query_as("SELECT code FROM modules ORDER BY code")
        .fetch_all(&mut conn)
        .await?;
    conn.close().await?;
    Ok((
        users
            .into_iter()
            .map(|(email, full_name, role)| InstanceUserView {
                email,
                full_name,
                role,
            })
            .collect(),
        count,
        modules.into_iter().map(|m| m.0).collect(),
    ))
}

/// The catalog of the storefront tenant `tenant_id` bought from (the default storefront's
/// address for it, `/s/<code>` for another), where a second subscription is ordered.
async fn order_more_url(st: &AppState, tenant_id: i64) -> Result<String> {
    let row: Option<(String, i64)> = sqlx::query_as(
        "SELECT sf.code, sf.is_default FROM subscriptions s JOIN storefronts sf ON sf.id = s.storefront_id \
         WHERE s.tenant_id = $1",
    )
    .bind(tenant_id)
    .fetch_optional(&st.pool)
    .await?;
    let base = st.config.storefront_url();
    Ok(match row {
        Some((code, 0)) => format!("{base}/s/{code}"),
        _ => format!("{base}/"),
    })
}
