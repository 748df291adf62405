//! Creating an instance: its own database from the template, its admin, then the welcome mail.
//! Any failed step drops what was created and marks the tenant failed.
use sqlx::{AnyConnection, Connection, Executor};

use super::catalog::PlanRow;
use super::catalog_structure::{template_spec, TemplateSpec};
use super::db::{tenant_migrator, ts, Engine};
use super::state::AppState;
use crate::domain::catalog_code::instance_settings;
use crate::error::{AppError, Result};

/// The steps of provisioning, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Create the empty database.
    CreateDatabase,
    /// Apply the instance schema.
    ApplySchema,
    /// Install the product's modules and default settings.
    InstallModules,
    /// Load demo records when the plan asks for them.
    LoadDemoData,
    /// Create the instance's admin user.
    CreateAdmin,
}

impl Step {
    /// Every step, in the order they run.
    pub const ALL: [Step; 5] = [
        Step::CreateDatabase,
        Step::ApplySchema,
        Step::InstallModules,
        Step::LoadDemoData,
        Step::CreateAdmin,
    ];

    /// Stable identifier for storage.
    pub fn code(self) -> &'static str {
        match self {
            Step::CreateDatabase => "create_database",
            Step::ApplySchema => "apply_schema",
            Step::InstallModules => "install_modules",
            Step::LoadDemoData => "load_demo_data",
            Step::CreateAdmin => "create_admin",
        }
    }

    /// The step stored as `code`.
    pub fn from_code(code: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.code() == code)
    }

    /// A short human name for events and messages.
    pub fn label(self) -> &'static str {
        match self {
            Step::CreateDatabase => "create database",
            Step::ApplySchema => "apply schema",
            Step::InstallModules => "install modules",
            Step::LoadDemoData => "load demo data",
            Step::CreateAdmin => "create admin user",
        }
    }
}

/// Where an instance's database lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantDb {
    /// `sqlite` or the PostgreSQL server URL (credentials included, never shown).
    pub server: String,
    /// File path (SQLite) or database name (PostgreSQL).
    pub name: String,
}

impl TenantDb {
    /// A connection URL for the instance database.
    pub fn url(&self) -> String {
        if self.server == "sqlite" {
            format!("sqlite://{}", self.name)
        } else {
            pg_url_with_db(&self.server, &self.name)
        }
    }

    fn engine(&self) -> Engine {
        if self.server == "sqlite" {
            Engine::Sqlite
        } else {
            Engine::Postgres
        }
    }
}

/// Replaces the database name in a PostgreSQL URL.
pub fn pg_url_with_db(url: &str, db: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map(|(b, q)| (b, Some(q)))
        .unwrap_or((url, None));
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{host_part}/{db}?{q}"),
        None => format!("{host_part}/{db}"),
    }
}

/// The database name in a PostgreSQL URL.
pub fn pg_db_name(url: &str) -> Option<String> {
    let base = url.split('?').next()?;
    let after = &base[base.find("://")? + 3..];
    after
        .split_once('/')
        .map(|(_, db)| db.to_string())
        .filter(|d| !d.is_empty())
}

/// Chooses where a new tenant's database goes: the least-used configured server.
pub async fn choose_target(st: &AppState, tenant_id: i64) -> Result<TenantDb> {
    match st.engine {
        Engine::Sqlite => {
            let dir = st.config.data_dir.join("tenants");
            std::fs::create_dir_all(&dir).map_err(|e| {
                tracing::error!(error = %e, "cannot create tenant folder");
                AppError::Internal
            })?;
            Ok(TenantDb {
                server: "sqlite".into(),
                name: dir.join(format!("t{tenant_id}.db")).display().to_string(),
            })
        }
        Engine::Postgres => {
            let servers = if st.config.tenant_db_servers.is_empty() {
                vec![st.config.database_url.clone()]
            } else {
                st.config.tenant_db_servers.clone()
            };
            let mut best = (i64::MAX, servers[0].clone());
            for server in servers {
                let (n,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM tenants WHERE db_server = $1 AND state <> 'failed'",
                )
                .bind(&server)
                .fetch_one(&st.pool)
                .await?;
                if n < best.0 {
                    best = (n, server);
                }
            }
            // Prefixing with the platform database keeps several platforms on one server apart.
            let prefix = pg_db_name(&st.config.database_url).unwrap_or_else(|| "tenantry".into());
            Ok(TenantDb {
                server: best.1,
                name: format!("{prefix}_t{tenant_id}"),
            })
        }
    }
}

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

    /// Runs one step; the error says why it failed.
    pub async fn run(&mut self, step: Step) -> std::result::Result<(), String> {
        let text = |e: sqlx::Error| e.to_string();
        if step == Step::CreateDatabase {
            create_database(&self.db).await.map_err(text)?;
            self.created = true;
            return Ok(());
        }
        let conn = match self.conn.as_mut() {
            Some(conn) => conn,
            None => self
                .conn
                .insert(AnyConnection::connect(&self.db.url()).await.map_err(text)?),
        };
        match step {
            Step::CreateDatabase => Ok(()),
            Step::ApplySchema => tenant_migrator(self.db.engine())
                .run_direct(conn)
                .await
                .map_err(|e| e.to_string()),
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
        if let Err(e) = drop_database(&self.db).await {
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

fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

async fn create_database(db: &TenantDb) -> std::result::Result<(), sqlx::Error> {
    match db.engine() {
        Engine::Sqlite => {
            // A leftover file would hand the new tenant someone else's data.
            if std::path::Path::new(&db.name).exists() {
                return Err(sqlx::Error::Configuration(
                    format!("{} already exists", db.name).into(),
                ));
            }
            let conn = AnyConnection::connect(&super::db::with_create_mode(&db.url())).await?;
            conn.close().await
        }
        Engine::Postgres => {
            let mut admin = AnyConnection::connect(&db.server).await?;
            let sql = format!("CREATE DATABASE {}", quote_ident(&db.name));
            // No bind parameters: sent as a simple query, which CREATE DATABASE requires.
            admin.execute(sql.as_str()).await?;
            admin.close().await
        }
    }
}

/// Removes an instance database (used by rollback and archive).
pub async fn drop_database(db: &TenantDb) -> std::result::Result<(), sqlx::Error> {
    match db.engine() {
        Engine::Sqlite => {
            for suffix in ["", "-wal", "-shm"] {
                let path = format!("{}{suffix}", db.name);
                match std::fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(sqlx::Error::Io(e)),
                }
            }
            Ok(())
        }
        Engine::Postgres => {
            let mut admin = AnyConnection::connect(&db.server).await?;
            let sql = format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                quote_ident(&db.name)
            );
            admin.execute(sql.as_str()).await?;
            admin.close().await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_urls_get_a_new_database() {
        assert_eq!(
            pg_url_with_db("postgres://u:p@h:5432/main", "t1"),
            "postgres://u:p@h:5432/t1"
        );
        assert_eq!(
            pg_url_with_db("postgres://u@h/main?sslmode=disable", "t1"),
            "postgres://u@h/t1?sslmode=disable"
        );
        assert_eq!(pg_url_with_db("postgres://u@h", "t1"), "postgres://u@h/t1");
        assert_eq!(
            pg_db_name("postgres://u@h/main?x=1").as_deref(),
            Some("main")
        );
        assert_eq!(pg_db_name("postgres://u@h"), None);
    }

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
    }
}
