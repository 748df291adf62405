//! Starts the real server on a free port against a fresh SQLite file or PostgreSQL database.

mod billing;
mod editing;
mod tenant_dbs;
#[allow(unused_imports)]
pub use billing::*;
pub use editing::*;

use std::net::SocketAddr;
use std::path::PathBuf;

use app::backend::config::{Config, MailConfig};
use app::backend::db::{self, Engine};
use app::backend::provisioning::{pg_url_with_db, Fault, Step};
use app::domain::MovableClock;
use app::error::AppError;
use chrono::{TimeZone, Utc};
use leptos::config::LeptosOptions;
use rand::{distributions::Alphanumeric, Rng};
use reqwest::{header, Client, StatusCode};
use server::startup::{self, Launch};
use sqlx::{AnyPool, Connection, Executor};

pub const OPERATOR_EMAIL: &str = "operator@tenantry.localhost";
pub const OPERATOR_PASSWORD: &str = "operator-test-password";
pub const PASSWORD: &str = "correct horse battery";

/// Generates one `#[tokio::test]` per database engine for an `async fn(Engine)`.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::common::within_limit(super::$name(app::backend::db::Engine::Sqlite)).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::common::within_limit(super::$name(app::backend::db::Engine::Postgres)).await
            }
        }
    )*};
}

/// With `TENANTRY_TEST_LOG` set (an env filter such as `warn`), the servers' logs go to the test
/// output: what an internal error was is logged where it happened.
fn log_if_asked() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    if let Ok(filter) = std::env::var("TENANTRY_TEST_LOG") {
        ONCE.call_once(|| {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
                .with_test_writer()
                .try_init();
        });
    }
}

/// The longest any one test may run: a test that hangs fails with its name instead of holding
/// the whole suite until CI's own limit.
pub const TEST_LIMIT: std::time::Duration = std::time::Duration::from_secs(600);

/// The longest one request may take before the test fails naming it.
pub const REQUEST_LIMIT: std::time::Duration = std::time::Duration::from_secs(120);

/// Runs a test, failing it if it takes longer than [`TEST_LIMIT`].
pub async fn within_limit(test: impl std::future::Future<Output = ()>) {
    if tokio::time::timeout(TEST_LIMIT, test).await.is_err() {
        panic!("the test ran for over {} s", TEST_LIMIT.as_secs());
    }
}

/// The PostgreSQL server tests create their databases on (set by scripts/test.sh).
pub fn pg_admin_url() -> String {
    std::env::var("TENANTRY_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://tenantry:tenantry@127.0.0.1:5432/postgres".into())
}

fn random(n: usize) -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(n)
        .map(char::from)
        .collect::<String>()
        .to_lowercase()
}

/// A running Tenantry with its own database, data folder and movable clock.
pub struct TestApp {
    pub addr: SocketAddr,
    pub engine: Engine,
    pub dir: PathBuf,
    pub clock: MovableClock,
    pub pool: AnyPool,
    /// What start-up would log and show on the terminal.
    pub banner: startup::Banner,
    /// The configuration the server was started with.
    pub config: Config,
    /// The server's background jobs (provisioning queue).
    pub jobs: std::sync::Arc<app::backend::jobs::JobTracker>,
    pg_db: Option<String>,
}

/// What a server function answered.
pub struct Reply<T> {
    pub status: StatusCode,
    pub headers: header::HeaderMap,
    pub body: Result<T, AppError>,
}

impl TestApp {
    pub async fn spawn(engine: Engine) -> TestApp {
        TestApp::spawn_with(engine, |_| {}).await
    }

    pub async fn spawn_with(engine: Engine, adjust: impl FnOnce(&mut Config)) -> TestApp {
        log_if_asked();
        let dir = std::env::temp_dir().join(format!("tenantry-test-{}", random(10)));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let (database_url, pg_db) = match engine {
            Engine::Sqlite => (format!("sqlite://{}/platform.db", dir.display()), None),
            Engine::Postgres => {
                let name = format!("tenantry_test_{}", random(10));
                let mut admin = sqlx::PgConnection::connect(&pg_admin_url())
                    .await
                    .expect("PostgreSQL must be reachable for the tests: run scripts/test.sh or set TENANTRY_TEST_PG_URL");
                admin
                    .execute(format!("CREATE DATABASE {name}").as_str())
                    .await
                    .expect("create test database");
                (pg_url_with_db(&pg_admin_url(), &name), Some(name))
            }
        };
        let clock = MovableClock::new(
            Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
                .single()
                .expect("date"),
        );
        TestApp::start(engine, dir, database_url, pg_db, clock, adjust).await
    }

    /// A second server on this one's database, as another machine of one deployment would run,
    /// with its own data folder and this one's clock. The database goes with this one.
    pub async fn second_server(&self) -> TestApp {
        self.second_server_with(|_| {}).await
    }

    /// [`TestApp::second_server`] with its configuration adjusted.
    pub async fn second_server_with(&self, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let dir = std::env::temp_dir().join(format!("tenantry-test-{}", random(10)));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let url = self.config.database_url.clone();
        TestApp::start(self.engine, dir, url, None, self.clock.clone(), adjust).await
    }

    async fn start(
        engine: Engine,
        dir: PathBuf,
        database_url: String,
        pg_db: Option<String>,
        clock: MovableClock,
        adjust: impl FnOnce(&mut Config),
    ) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let mut config = Config::from_env(addr.port());
        config.database_url = database_url.clone();
        config.data_dir = dir.clone();
        config.base_domain = "localhost".into();
        config.public_scheme = "http://".into();
        config.public_port = format!(":{}", addr.port());
        config.tenant_db_servers = Vec::new();
        config.mail = MailConfig::Outbox(dir.join("outbox"));
        config.operator_email = OPERATOR_EMAIL.into();
        config.operator_password = Some(OPERATOR_PASSWORD.into());
        config.seed_demo = true;
        // Trials start at once unless a test asks for the email confirmation.
        config.trial_email_confirmation = false;
        config.jobs.retry_delay = std::time::Duration::from_millis(10);
        config.jobs.sweep_every = std::time::Duration::from_millis(200);
        // One row a page: every test pages the billing sweep through all its rows.
        config.jobs.sweep_page = 1;
        // Health rounds look once an hour: tests of other features see no checks or events of
        // them; the health tests set a short tick.
        config.health.tick_every = std::time::Duration::from_secs(3600);
        adjust(&mut config);
        let leptos_options = LeptosOptions::builder()
            .output_name("tenantry")
            .site_root(dir.join("site").display().to_string())
            .build();
        let built = startup::build(Launch {
            config: config.clone(),
            leptos_options,
            clock: clock.shared(),
        })
        .await
        .expect("app builds");
        tokio::spawn(startup::serve(listener, built.router));
        let banner = built.banner;
        let jobs = built.jobs;
        let pool = db::connect(&database_url, 2).await.expect("test pool");
        TestApp {
            addr,
            engine,
            dir,
            clock,
            pool,
            banner,
            config,
            jobs,
            pg_db,
        }
    }

    /// `localhost` for the storefront, `<name>.localhost` for an instance.
    pub fn host(&self, instance: Option<&str>) -> String {
        match instance {
            Some(name) => format!("{name}.localhost:{}", self.addr.port()),
            None => format!("localhost:{}", self.addr.port()),
        }
    }

    pub fn url(&self, instance: Option<&str>, path: &str) -> String {
        format!("http://{}{path}", self.host(instance))
    }

    /// A browser-like client for one host: its own cookie jar, no automatic redirects.
    pub fn client(&self, instance: Option<&str>) -> Client {
        let domain = self
            .host(instance)
            .split(':')
            .next()
            .unwrap_or_default()
            .to_string();
        Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .resolve(&domain, self.addr)
            .timeout(REQUEST_LIMIT)
            .build()
            .expect("client")
    }

    /// Waits until no order is moving by itself (provisioning runs in the background).
    pub async fn settle(&self) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while self
            .count("SELECT COUNT(*) FROM orders WHERE status IN ('placed', 'screening', 'provisioning')")
            .await
            > 0
        {
            assert!(
                std::time::Instant::now() < deadline,
                "orders still moving after 60 s"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// Calls a server function as the hydrated app does (JSON answer), from the host's own origin,
    /// then waits for the background work it started ([`TestApp::settle`]).
    pub async fn call<T: serde::de::DeserializeOwned>(
        &self,
        client: &Client,
        instance: Option<&str>,
        path: &str,
        form: &[(&str, &str)],
    ) -> Reply<T> {
        let res = client
            .post(self.url(instance, path))
            .header(header::ORIGIN, format!("http://{}", self.host(instance)))
            .header(header::ACCEPT, "application/json")
            .form(form)
            .send()
            .await
            .expect("request");
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.expect("body");
        self.settle().await;
        let body = if status.is_success() {
            Ok(serde_json::from_str(&text).unwrap_or_else(|e| panic!("bad JSON {text:?}: {e}")))
        } else {
            Err(serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("bad error JSON {text:?} ({status}): {e}")))
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    /// Posts to a server function with a hand-set Cookie header (a session carried to another host).
    pub async fn post_with_cookie(
        &self,
        instance: Option<&str>,
        path: &str,
        cookie: &str,
    ) -> reqwest::Response {
        self.client(instance)
            .post(self.url(instance, path))
            .header(header::ORIGIN, format!("http://{}", self.host(instance)))
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, cookie)
            .send()
            .await
            .expect("request")
    }

    pub async fn count(&self, sql: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(sql)
            .fetch_one(&self.pool)
            .await
            .expect("count query");
        n
    }

    /// Whether the instance database of a tenant exists.
    pub async fn tenant_db_exists(&self, tenant_id: i64) -> bool {
        match self.engine {
            Engine::Sqlite => self
                .dir
                .join("tenants")
                .join(format!("t{tenant_id}.db"))
                .exists(),
            Engine::Postgres => {
                let name = format!("{}_t{tenant_id}", self.pg_db.as_deref().unwrap_or_default());
                let mut admin = sqlx::PgConnection::connect(&pg_admin_url())
                    .await
                    .expect("admin");
                let (n,): (i64,) =
                    sqlx::query_as("SELECT COUNT(*) FROM pg_database WHERE datname = $1")
                        .bind(name)
                        .fetch_one(&mut admin)
                        .await
                        .expect("pg_database");
                n == 1
            }
        }
    }

    /// The text of every mail in the outbox.
    pub fn outbox(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.dir.join("outbox")) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok())
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .map(|m| m.replace("=\r\n", "").replace("=3D", "="))
            .collect()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some(name) = self.pg_db.take() {
            // Drop runs outside async code: clean PostgreSQL up on a runtime of its own.
            let handle = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(async move {
                    let Ok(mut admin) = sqlx::PgConnection::connect(&pg_admin_url()).await else {
                        return;
                    };
                    let dbs: Vec<(String,)> =
                        sqlx::query_as("SELECT datname FROM pg_database WHERE datname LIKE $1")
                            .bind(format!("{name}%"))
                            .fetch_all(&mut admin)
                            .await
                            .unwrap_or_default();
                    for (db,) in dbs {
                        let _ = admin
                            .execute(
                                format!("DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)").as_str(),
                            )
                            .await;
                    }
                    // Tenant roles are named after their databases and outlive them: roles are
                    // cluster-wide.
                    let roles: Vec<(String,)> =
                        sqlx::query_as("SELECT rolname FROM pg_roles WHERE rolname LIKE $1")
                            .bind(format!("{name}%"))
                            .fetch_all(&mut admin)
                            .await
                            .unwrap_or_default();
                    for (role,) in roles {
                        let _ = admin
                            .execute(format!("DROP ROLE IF EXISTS \"{role}\"").as_str())
                            .await;
                    }
                });
            });
            let _ = handle.join();
        }
    }
}

/// The URL path of a server function.
pub fn path_of<F: leptos::server_fn::ServerFn>() -> &'static str {
    F::PATH
}

/// The order form of an ERP Free Trial.
pub fn trial_form<'a>(instance: &'a str, email: &'a str, key: &'a str) -> [(&'a str, &'a str); 7] {
    [
        ("form[plan]", "erp-trial"),
        ("form[company]", "Acme Ltd"),
        ("form[contact_name]", "Ada Admin"),
        ("form[email]", email),
        ("form[password]", PASSWORD),
        ("form[instance_name]", instance),
        ("form[idempotency_key]", key),
    ]
}

/// Places a trial order through the server function and returns its token.
pub async fn order_trial(app: &TestApp, instance: &str, email: &str, key: &str) -> Reply<String> {
    let client = app.client(None);
    app.call(
        &client,
        None,
        path_of::<app::api::orders::PlaceOrder>(),
        &trial_form(instance, email, key),
    )
    .await
}

/// A paid order form for ERP Business (12 months, France, test Visa), with fields overridden.
pub fn paid_form<'a>(
    instance: &'a str,
    key: &'a str,
    extra: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("form[plan]", "erp-business"),
        ("form[company]", "Acme Ltd"),
        ("form[contact_name]", "Ada Admin"),
        ("form[email]", "ada@acme.example"),
        ("form[password]", PASSWORD),
        ("form[instance_name]", instance),
        ("form[idempotency_key]", key),
        ("form[period_months]", "12"),
        ("form[billing_country]", "FR"),
        ("form[billing_address]", "1 rue de la Paix\n75002 Paris"),
        ("form[payment_method]", "card"),
        ("form[card_number]", "4242 4242 4242 4242"),
        ("form[card_exp_month]", "12"),
        ("form[card_exp_year]", "2030"),
        ("form[card_cvc]", "123"),
    ];
    for (k, v) in extra {
        form.retain(|(fk, _)| fk != k);
        form.push((k, v));
    }
    form
}

/// Logs in on a host and returns the client holding the session.
pub async fn login(
    app: &TestApp,
    instance: Option<&str>,
    email: &str,
    password: &str,
) -> (Client, Reply<app::api::auth::UserView>) {
    let client = app.client(instance);
    let reply = app
        .call(
            &client,
            instance,
            path_of::<app::api::auth::Login>(),
            &[("email", email), ("password", password)],
        )
        .await;
    (client, reply)
}

/// A provisioning step that always fails.
pub fn fault(step: Step) -> impl FnOnce(&mut Config) {
    fault_for(step, u32::MAX)
}

/// A provisioning step that fails in the first `attempts` attempts of each order.
pub fn fault_for(step: Step, attempts: u32) -> impl FnOnce(&mut Config) {
    move |c: &mut Config| {
        c.provisioning_fault = Some(Fault {
            step,
            failing_attempts: attempts,
        })
    }
}

/// A fresh API key of the seeded operator.
pub async fn create_api_key(app: &TestApp) -> String {
    use app::backend::api_keys;
    use app::domain::Clock;
    let operator = api_keys::first_operator(&app.pool).await.expect("operator");
    api_keys::create(&app.pool, app.clock.now(), operator, "tests")
        .await
        .expect("key")
}
