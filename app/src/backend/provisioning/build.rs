//! Building an instance step by step from its plan's service template: the database, schema,
//! modules and settings, demo data and the admin; a failed step rolls back what was built.
use sqlx::{AnyConnection, Connection};

use super::database::{apply_schema, create_database, drop_database};
use super::{Step, TenantDb};
use crate::backend::catalog::PlanRow;
use crate::backend::catalog::{template_spec, TemplateSpec};
use crate::backend::db::ts;
use crate::backend::state::AppState;
use crate::domain::catalog_code::instance_settings;
use crate::error::Result;

/// The admin account created inside the new instance.
pub struct InstanceAdmin<'a> {
    /// Admin email.
    pub email: &'a str,
    /// Admin name.
    pub full_name: &'a str,
    /// Argon2id hash of the password chosen at order time.
    pub password_hash: &'a str,
    /// Company name, stored as a default setting.
    pub company: &'a str,
}

/// The provisioning steps, in order; demo data only when it is loaded.
pub fn steps_for(demo_data: bool) -> Vec<Step> {
    Step::ALL
        .into_iter()
        .filter(|s| *s != Step::LoadDemoData || demo_data)
        .collect()
}

/// A provisioning step that fails on purpose in the first `failing_attempts` attempts of an
/// order (tests only; never read from the environment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fault {
    /// The step that fails.
    pub step: Step,
    /// How many attempts fail before the step succeeds (`u32::MAX`: always).
    pub failing_attempts: u32,
}

/// An instance being built one step at a time, so each step can be recorded as it runs.
pub struct Build<'a> {
    st: &'a AppState,
    db: TenantDb,
    plan: &'a PlanRow,
    instance: &'a str,
    admin: InstanceAdmin<'a>,
    spec: TemplateSpec,
    conn: Option<AnyConnection>,
    created: bool,
}

impl<'a> Build<'a> {
    /// Prepares building `instance` into `db` from the plan's service template; nothing is
    /// created yet.
    pub async fn prepare(
        st: &'a AppState,
        db: TenantDb,
        plan: &'a PlanRow,
        instance: &'a str,
        admin: InstanceAdmin<'a>,
    ) -> Result<Self> {
        let spec = template_spec(&st.pool, plan.id).await?;
        Ok(Build {
            st,
            db,
            plan,
            instance,
            admin,
            spec,
            conn: None,
            created: false,
        })
    }

    /// The steps this template needs, in order (demo data only when the template loads it).
    pub fn steps(&self) -> Vec<Step> {
        steps_for(self.spec.demo_data)
    }

    /// Runs one step; the error says why it failed. The platform role creates the database and
    /// its schema; the instance's own role fills it.
    pub async fn run(&mut self, step: Step) -> std::result::Result<(), String> {
        let text = |e: sqlx::Error| e.to_string();
        match step {
            Step::CreateDatabase => {
                create_database(&self.st.config, &self.db)
                    .await
                    .map_err(text)?;
                self.created = true;
                return Ok(());
            }
            Step::ApplySchema => return apply_schema(&self.st.config, &self.db).await,
            _ => {}
        }
        let conn = match self.conn.as_mut() {
            Some(conn) => conn,
            None => self
                .conn
                .insert(self.db.connect(&self.st.config).await.map_err(text)?),
        };
        match step {
            Step::CreateDatabase | Step::ApplySchema => Ok(()),
            Step::InstallModules => install_modules(
                conn,
                self.st,
                self.plan,
                &self.spec,
                self.instance,
                self.admin.company,
            )
            .await
            .map_err(text),
            Step::LoadDemoData => load_demo_data(conn).await.map_err(text),
            Step::CreateAdmin => sqlx::query(
                "INSERT INTO users (email, full_name, password_hash, role, created_at) VALUES ($1, $2, $3, 'admin', $4)",
            )
            .bind(self.admin.email)
            .bind(self.admin.full_name)
            .bind(self.admin.password_hash)
            .bind(ts(self.st.now()))
            .execute(conn)
            .await
            .map(|_| ())
            .map_err(text),
        }
    }

    /// Closes the instance's connection; the instance is complete.
    pub async fn finish(mut self) {
        if let Some(conn) = self.conn.take() {
            let _ = conn.close().await;
        }
    }

    /// Undoes what was built: drops the database it created. Returns whether anything was undone.
    pub async fn roll_back(mut self) -> bool {
        // Close before dropping the database.
        if let Some(conn) = self.conn.take() {
            let _ = conn.close().await;
        }
        if !self.created {
            return false;
        }
        if let Err(e) = drop_database(&self.st.config, &self.db).await {
            tracing::error!(error = %e, "rollback could not drop the tenant database");
        }
        true
    }
}

async fn install_modules(
    conn: &mut AnyConnection,
    st: &AppState,
    plan: &PlanRow,
    spec: &TemplateSpec,
    instance: &str,
    company: &str,
) -> std::result::Result<(), sqlx::Error> {
    let now = ts(st.now());
    for module in &spec.modules {
        sqlx::query("INSERT INTO modules (code, installed_at) VALUES ($1, $2)")
            .bind(module)
            .bind(&now)
            .execute(&mut *conn)
            .await?;
    }
    let builtins = [
        ("company_name", company),
        ("instance_name", instance),
        ("locale", "en"),
        ("timezone", "UTC"),
        ("plan", plan.code.as_str()),
    ];
    for (key, value) in instance_settings(&builtins, &spec.settings) {
        sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2)")
            .bind(key)
            .bind(value)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

async fn load_demo_data(conn: &mut AnyConnection) -> std::result::Result<(), sqlx::Error> {
    let demo = [
        ("Ada Lovelace", "ada@example.com"),
        ("Grace Hopper", "grace@example.com"),
        ("Alan Turing", "alan@example.com"),
    ];
    for (name, email) in demo {
        sqlx::query("INSERT INTO contacts (name, email, demo) VALUES ($1, $2, 1)")
            .bind(name)
            .bind(email)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
