//! What the catalog includes per tenant: each plan's amount of every resource (its resource rate,
//! else its service template's allowance, else for `users` the plan's included users) plus the
//! extra units the subscription bought (`selection_json`'s `extra_resources`).
use std::collections::HashMap;

use sqlx::AnyPool;

use crate::domain::health::{unit_bytes, Quota};
use crate::domain::pricing::Selection;
use crate::error::Result;

/// One resource of the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// Its code (`users`, `storage_gb`).
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its unit (`users`, `GB`).
    pub unit: String,
}

impl Resource {
    /// Bytes in one unit when the resource is storage.
    pub fn unit_bytes(&self) -> Option<i64> {
        unit_bytes(&self.unit)
    }
}

/// Every resource and what each plan includes of it.
#[derive(Debug, Clone, Default)]
pub struct Allowances {
    /// The catalog's resources, by code.
    pub resources: Vec<Resource>,
    /// Plan id to (resource code, included units).
    by_plan: HashMap<i64, Vec<(String, i64)>>,
}

impl Allowances {
    /// Reads the catalog (a few rows per plan).
    pub async fn load(pool: &AnyPool) -> Result<Allowances> {
        let resources: Vec<(String, String, String)> =
            sqlx::query_as("SELECT code, name, unit FROM resources ORDER BY id")
                .fetch_all(pool)
                .await?;
        let rows: Vec<(i64, String, i64)> = sqlx::query_as(
            "SELECT pr.plan_id, r.code, pr.included FROM plan_resource_rates pr \
             JOIN resources r ON r.id = pr.resource_id \
             UNION ALL \
             SELECT p.id, r.code, tr.included FROM plans p \
             JOIN template_resources tr ON tr.template_id = p.template_id \
             JOIN resources r ON r.id = tr.resource_id \
             WHERE NOT EXISTS (SELECT 1 FROM plan_resource_rates pr WHERE pr.plan_id = p.id AND pr.resource_id = tr.resource_id) \
             UNION ALL \
             SELECT p.id, r.code, p.included_users FROM plans p JOIN resources r ON r.code = 'users' \
             WHERE NOT EXISTS (SELECT 1 FROM plan_resource_rates pr WHERE pr.plan_id = p.id AND pr.resource_id = r.id) \
             AND NOT EXISTS (SELECT 1 FROM template_resources tr WHERE tr.template_id = p.template_id AND tr.resource_id = r.id)",
        )
        .fetch_all(pool)
        .await?;
        let mut by_plan: HashMap<i64, Vec<(String, i64)>> = HashMap::new();
        for (plan, code, included) in rows {
            by_plan.entry(plan).or_default().push((code, included));
        }
        Ok(Allowances {
            resources: resources
                .into_iter()
                .map(|(code, name, unit)| Resource { code, name, unit })
                .collect(),
            by_plan,
        })
    }

    /// Units of each resource a tenant on `plan_id` with `selection` has: the plan's amount
    /// plus the extra units bought. A resource the plan does not include and nobody bought is
    /// absent.
    pub fn included(&self, plan_id: i64, selection: &Selection) -> Vec<(String, i64)> {
        let mut amounts: Vec<(String, i64)> =
            self.by_plan.get(&plan_id).cloned().unwrap_or_default();
        for (code, extra) in &selection.extra_resources {
            match amounts.iter_mut().find(|(c, _)| c == code) {
                Some((_, n)) => *n += i64::from(*extra),
                None => amounts.push((code.clone(), i64::from(*extra))),
            }
        }
        amounts
    }

    /// The tenant's quota as health checks compare it: users, and storage in bytes (every
    /// storage resource added up).
    pub fn quota(&self, plan_id: i64, selection: &Selection) -> Quota {
        let mut quota = Quota::default();
        for (code, units) in self.included(plan_id, selection) {
            if code == "users" {
                quota.users = Some(quota.users.unwrap_or(0) + units);
            } else if let Some(bytes) = self.unit_bytes_of(&code) {
                let add = units.saturating_mul(bytes);
                quota.storage_bytes = Some(quota.storage_bytes.unwrap_or(0).saturating_add(add));
            }
        }
        quota
    }

    fn unit_bytes_of(&self, code: &str) -> Option<i64> {
        self.resources
            .iter()
            .find(|r| r.code == code)
            .and_then(Resource::unit_bytes)
    }
}

/// A stored selection, or none when it cannot be read (an old or empty row).
pub fn selection_of(json: Option<&str>) -> Selection {
    json.and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default()
}
