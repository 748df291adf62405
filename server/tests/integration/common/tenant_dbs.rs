//! Reaching an instance's database as the platform does, and the PostgreSQL roles behind them.
use app::backend::provisioning::TenantDb;
use sqlx::Connection;

use super::{pg_admin_url, TestApp};

impl TestApp {
    /// Where the live instance called `instance` keeps its database.
    pub async fn tenant_db(&self, instance: &str) -> TenantDb {
        let (id,): (i64,) =
            sqlx::query_as("SELECT id FROM tenants WHERE name = $1 AND state <> 'failed'")
                .bind(instance)
                .fetch_one(&self.pool)
                .await
                .expect("tenant");
        TenantDb::of_tenant(&self.pool, id)
            .await
            .expect("tenants row")
            .expect("the instance has a database")
    }

    /// The URL the platform opens an instance's database with (its own role on PostgreSQL).
    pub async fn tenant_url(&self, instance: &str) -> String {
        self.tenant_db(instance)
            .await
            .app_url(&self.config)
            .expect("instance URL")
    }

    /// Whether a PostgreSQL role exists (roles are cluster-wide).
    pub async fn role_exists(&self, role: &str) -> bool {
        let mut admin = sqlx::PgConnection::connect(&pg_admin_url())
            .await
            .expect("admin");
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM pg_roles WHERE rolname = $1")
            .bind(role)
            .fetch_one(&mut admin)
            .await
            .expect("pg_roles");
        n == 1
    }
}
