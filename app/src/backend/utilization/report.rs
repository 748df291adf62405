//! The utilization report.
use std::collections::BTreeMap;

use super::Allowances;
use crate::backend::db::Engine;
use crate::backend::health::live_states_sql;
use crate::backend::provisioning::tenant_db_servers;
use crate::backend::state::AppState;
use crate::domain::health::format_bytes;
use crate::error::Result;
use crate::wire::utilization::{
    basis_points_of, ResourceUseView, ServerUseView, TenantUseView, UtilizationView,
};

/// The most tenants listed as nearest to their limits.
pub const NEAREST_LIMIT: i64 = 10;

/// What the storage of SQLite instances (files on the platform's disk) is called.
const SQLITE_SERVER: &str = "sqlite";

/// The whole report.
pub async fn report(st: &AppState) -> Result<UtilizationView> {
    let allowances = Allowances::load(&st.pool).await?;
    let live = live_states_sql();
    // Tenants with one configuration share their allowances: one row per plan and selection.
    let groups: Vec<(i64, Option<String>, i64, i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT t.plan_id, s.selection_json, COUNT(*), COUNT(t.health_checked_at), \
         CAST(COALESCE(SUM(t.health_users), 0) AS BIGINT), CAST(COALESCE(SUM(t.health_size_bytes), 0) AS BIGINT) \
         FROM tenants t LEFT JOIN subscriptions s ON s.tenant_id = t.id \
         WHERE t.state IN ({live}) GROUP BY t.plan_id, s.selection_json"
    ))
    .fetch_all(&st.pool)
    .await?;
    let mut included: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let (mut tenants, mut measured, mut users, mut bytes) = (0, 0, 0, 0_i64);
    for (plan, selection, n, checked, group_users, group_bytes) in groups {
        tenants += n;
        measured += checked;
        users += group_users;
        bytes = bytes.saturating_add(group_bytes);
        let selection = super::selection_of(selection.as_deref());
        for (code, units) in allowances.included(plan, &selection) {
            let entry = included.entry(code).or_default();
            entry.0 += n;
            entry.1 = entry.1.saturating_add(units.saturating_mul(n));
        }
    }
    // Storage is measured once for the whole instance: it goes to the first storage resource.
    let storage_code = allowances
        .resources
        .iter()
        .find(|r| r.unit_bytes().is_some())
        .map(|r| r.code.clone());
    let resources = allowances
        .resources
        .iter()
        .map(|r| {
            let (with, units) = included.get(&r.code).copied().unwrap_or_default();
            let per_unit = r.unit_bytes();
            let used = if r.code == "users" {
                Some(users)
            } else if Some(&r.code) == storage_code.as_ref() {
                Some(bytes)
            } else {
                None
            };
            let included_base = units.saturating_mul(per_unit.unwrap_or(1));
            ResourceUseView {
                code: r.code.clone(),
                name: r.name.clone(),
                unit: r.unit.clone(),
                tenants: with,
                included: units,
                included_text: format!("{units} {}", r.unit),
                used,
                used_text: match (used, per_unit) {
                    (None, _) => "not measured".to_string(),
                    (Some(b), Some(_)) => format_bytes(b),
                    (Some(n), None) => format!("{n} {}", r.unit),
                },
                basis_points: used.and_then(|u| basis_points_of(u, included_base)),
            }
        })
        .collect();
    Ok(UtilizationView {
        tenants,
        measured,
        resources,
        nearest: nearest(st, &live).await?,
        servers: servers(st).await?,
    })
}

type NearRow = (i64, String, i64, i64);

/// The tenants using the largest share of their users or storage, largest first.
async fn nearest(st: &AppState, live: &str) -> Result<Vec<TenantUseView>> {
    let top = |used: &str, quota: &str| {
        format!(
            "SELECT id, name, {used}, {quota} FROM tenants WHERE state IN ({live}) \
             AND {used} IS NOT NULL AND {quota} > 0 ORDER BY ({used} * 1000) / {quota} DESC, id LIMIT $1"
        )
    };
    let users: Vec<NearRow> = sqlx::query_as(&top("health_users", "health_users_included"))
        .bind(NEAREST_LIMIT)
        .fetch_all(&st.pool)
        .await?;
    let storage: Vec<NearRow> =
        sqlx::query_as(&top("health_size_bytes", "health_storage_quota_bytes"))
            .bind(NEAREST_LIMIT)
            .fetch_all(&st.pool)
            .await?;
    let mut rows: Vec<TenantUseView> = users
        .into_iter()
        .map(|(id, name, used, of)| {
            near(
                id,
                name,
                "Users",
                used.to_string(),
                of.to_string(),
                used,
                of,
            )
        })
        .chain(storage.into_iter().map(|(id, name, used, of)| {
            near(
                id,
                name,
                "Storage",
                format_bytes(used),
                format_bytes(of),
                used,
                of,
            )
        }))
        .collect();
    rows.sort_by(|a, b| {
        b.basis_points
            .cmp(&a.basis_points)
            .then(a.tenant_id.cmp(&b.tenant_id))
    });
    rows.truncate(usize::try_from(NEAREST_LIMIT).unwrap_or(10));
    Ok(rows)
}

fn near(
    tenant_id: i64,
    name: String,
    resource: &str,
    used_text: String,
    included_text: String,
    used: i64,
    of: i64,
) -> TenantUseView {
    let basis_points = basis_points_of(used, of).unwrap_or(0);
    TenantUseView {
        tenant_id,
        name,
        resource: resource.to_string(),
        used_text,
        included_text,
        basis_points,
        over: used > of,
    }
}

/// Every server holding tenants' databases (and every configured one), with its tenants, their
/// size as last measured and the share of its capacity.
async fn servers(st: &AppState) -> Result<Vec<ServerUseView>> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(&format!(
        "SELECT COALESCE(db_server, '{SQLITE_SERVER}'), COUNT(*), CAST(COALESCE(SUM(health_size_bytes), 0) AS BIGINT) \
         FROM tenants WHERE db_name IS NOT NULL AND state NOT IN ('failed', 'terminated') \
         GROUP BY COALESCE(db_server, '{SQLITE_SERVER}')"
    ))
    .fetch_all(&st.pool)
    .await?;
    let mut by_id: BTreeMap<String, (i64, i64)> = rows
        .into_iter()
        .map(|(id, n, size)| (id, (n, size)))
        .collect();
    if st.engine == Engine::Postgres {
        for server in tenant_db_servers(&st.config) {
            by_id.entry(server.id).or_default();
        }
    }
    Ok(by_id
        .into_iter()
        .map(|(id, (tenants, size))| {
            let capacity = st.config.db_capacity.bytes_of(&id);
            ServerUseView {
                engine: if id == SQLITE_SERVER {
                    "SQLite files".to_string()
                } else {
                    "PostgreSQL".to_string()
                },
                id,
                tenants,
                size_bytes: size,
                size_text: format_bytes(size),
                capacity_text: format_bytes(capacity),
                basis_points: basis_points_of(size, capacity).unwrap_or(0),
            }
        })
        .collect())
}
