//! Runtime configuration, read from environment variables with sane defaults.
use std::path::PathBuf;

/// Where outgoing mail goes.
#[derive(Debug, Clone)]
pub enum MailConfig {
    /// Each message is written as an `.eml` file into this folder.
    Outbox(PathBuf),
    /// Messages are sent through an SMTP relay.
    Smtp {
        host: String,
        port: u16,
        username: Option<String>,
        password: Option<String>,
        /// `none`, `starttls` or `tls`.
        security: String,
    },
}

/// Everything the running platform needs to know about its surroundings.
#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite://...` or `postgres://...` for the platform's own database.
    pub database_url: String,
    /// Folder for SQLite files (platform and tenants) and the mail outbox.
    pub data_dir: PathBuf,
    /// Domain under which instances live: `<name>.<base_domain>`.
    pub base_domain: String,
    /// Scheme and port used when writing links, e.g. `http://` and `:3000`.
    pub public_scheme: String,
    /// Port suffix for links (empty for the scheme's default port).
    pub public_port: String,
    /// PostgreSQL servers that hold tenants' databases (defaults to the platform's server).
    pub tenant_db_servers: Vec<crate::backend::provisioning::DbServer>,
    /// Mail delivery.
    pub mail: MailConfig,
    /// Sender address of platform mail.
    pub mail_from: String,
    /// Operator account created at first start.
    pub operator_email: String,
    /// Operator password; generated and printed at first start when unset.
    pub operator_password: Option<String>,
    /// Seed the demo catalog on first start.
    pub seed_demo: bool,
    /// Order screening rules (velocity limits; disposable domains are built in).
    pub fraud_rules: crate::domain::fraud::FraudRulesPage,
    /// Request header a trusted proxy fills with the client's two-letter country (e.g.
    /// `CF-IPCountry`); enables the billing-country check of fraud screening.
    pub ip_country_header: Option<String>,
    /// Where the client's address comes from: the TCP peer or a trusted proxy's header.
    pub client_ip: crate::backend::client_ip::ClientIpConfig,
    /// Password hashes and checks run at once at most (argon2id takes 19 MiB each).
    pub password_hashes_at_once: usize,
    /// How provisioning jobs are retried and leased, and how often background jobs run.
    pub jobs: JobsConfig,
    /// How the health job runs its checks (the operator sets how often and the thresholds).
    pub health: HealthConfig,
    /// The storage each tenant database server may hold, for the utilization report.
    pub db_capacity: crate::backend::utilization::DbCapacity,
    /// Whether a free trial waits until its customer confirms the email address by a mailed link.
    pub trial_email_confirmation: bool,
    /// The largest request body accepted, in bytes; a larger one answers 413.
    pub max_body_bytes: usize,
    /// A provisioning step that fails on purpose (tests only; never read from the environment).
    pub provisioning_fault: Option<crate::backend::provisioning::Fault>,
    /// How many times recording a finished provisioning fails on purpose (tests only).
    pub outcome_fault: Option<std::sync::Arc<std::sync::atomic::AtomicU32>>,
}

/// The default body limit: 1 MiB, far above any form or API order.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;

/// Background work: provisioning attempts and the sweep that resumes and ends things on time.
#[derive(Debug, Clone)]
pub struct JobsConfig {
    /// Attempts per provisioning run before the order is marked failed.
    pub provisioning_attempts: u32,
    /// Pause between two attempts.
    pub retry_delay: std::time::Duration,
    /// How long a server owns an order's provisioning before another may take it over.
    pub lease: chrono::Duration,
    /// How often the sweep looks for stalled provisioning and ended trials.
    pub sweep_every: std::time::Duration,
    /// Provisioning jobs one server runs at once; more wait in its queue.
    pub provisioning_concurrency: usize,
    /// Rows the billing sweep (reminders, suspensions, archiving) reads per page; it reads every
    /// page each pass.
    pub sweep_page: i64,
}

impl JobsConfig {
    fn from_env() -> Self {
        let num = |name: &str, default: u64| {
            var(name)
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(default)
        };
        JobsConfig {
            provisioning_attempts: u32::try_from(num("TENANTRY_PROVISIONING_ATTEMPTS", 3))
                .unwrap_or(3)
                .max(1),
            retry_delay: std::time::Duration::from_millis(num(
                "TENANTRY_PROVISIONING_RETRY_MS",
                2000,
            )),
            lease: chrono::Duration::minutes(10),
            sweep_every: std::time::Duration::from_secs(num("TENANTRY_SWEEP_SECS", 30).max(1)),
            provisioning_concurrency: usize::try_from(num(
                "TENANTRY_PROVISIONING_CONCURRENCY",
                crate::backend::jobs::DEFAULT_SLOTS as u64,
            ))
            .unwrap_or(crate::backend::jobs::DEFAULT_SLOTS)
            .max(1),
            sweep_page: 500,
        }
    }
}

/// The health job's pace; how often a round runs and the thresholds are the operator's settings.
#[derive(Debug, Clone)]
pub struct HealthConfig {
    /// How often each server looks whether a round of checks is due.
    pub tick_every: std::time::Duration,
    /// The longest one instance's check may take; a check still running then counts as
    /// "not reachable (timed out)".
    pub check_timeout: std::time::Duration,
    /// Checks one server runs at once.
    pub concurrency: usize,
    /// Days checks are kept before they are pruned.
    pub keep_days: i64,
}

impl HealthConfig {
    fn from_env() -> Self {
        let num = |name: &str, default: u64| {
            var(name)
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(default)
        };
        HealthConfig {
            tick_every: std::time::Duration::from_secs(60),
            check_timeout: std::time::Duration::from_secs(
                num("TENANTRY_HEALTH_TIMEOUT_SECS", 10).max(1),
            ),
            concurrency: usize::try_from(num("TENANTRY_HEALTH_CONCURRENCY", 4))
                .unwrap_or(4)
                .clamp(1, 64),
            keep_days: 30,
        }
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn fraud_rules_from_env() -> crate::domain::fraud::FraudRulesPage {
    let mut rules = crate::domain::fraud::FraudRulesPage::default();
    if let Some(n) = var("TENANTRY_FRAUD_MAX_ORDERS_PER_EMAIL").and_then(|v| v.parse().ok()) {
        rules.max_orders_per_email_per_day = n;
    }
    if let Some(n) = var("TENANTRY_FRAUD_MAX_ORDERS_PER_IP").and_then(|v| v.parse().ok()) {
        rules.max_orders_per_ip_per_day = n;
    }
    rules
}

impl Config {
    /// Reads the configuration from the environment (see the README for every variable).
    pub fn from_env(listen_port: u16) -> Self {
        let data_dir = PathBuf::from(var("TENANTRY_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = var("DATABASE_URL")
            .unwrap_or_else(|| format!("sqlite://{}/tenantry.db", data_dir.display()));
        let public_url = var("TENANTRY_PUBLIC_SCHEME").unwrap_or_else(|| "http".into());
        let public_port = var("TENANTRY_PUBLIC_PORT").unwrap_or_else(|| listen_port.to_string());
        let default_port = (public_url == "http" && public_port == "80")
            || (public_url == "https" && public_port == "443");
        let mail = match var("SMTP_HOST") {
            Some(host) => MailConfig::Smtp {
                host,
                port: var("SMTP_PORT").and_then(|p| p.parse().ok()).unwrap_or(587),
                username: var("SMTP_USERNAME"),
                password: var("SMTP_PASSWORD"),
                security: var("SMTP_SECURITY").unwrap_or_else(|| "starttls".into()),
            },
            None => MailConfig::Outbox(
                var("TENANTRY_OUTBOX_DIR")
                    .map(PathBuf::from)
                    .unwrap_or_else(|| data_dir.join("outbox")),
            ),
        };
        let tenant_db_servers = var("TENANTRY_TENANT_DB_SERVERS")
            .map(|s| {
                s.split(',')
                    .filter(|x| !x.trim().is_empty())
                    .map(crate::backend::provisioning::DbServer::parse)
                    .collect()
            })
            .unwrap_or_default();
        Config {
            database_url,
            data_dir,
            base_domain: var("TENANTRY_BASE_DOMAIN").unwrap_or_else(|| "localhost".into()),
            public_scheme: format!("{public_url}://"),
            public_port: if default_port {
                String::new()
            } else {
                format!(":{public_port}")
            },
            tenant_db_servers,
            mail,
            mail_from: var("TENANTRY_MAIL_FROM")
                .unwrap_or_else(|| "Tenantry <no-reply@tenantry.localhost>".into()),
            operator_email: var("TENANTRY_OPERATOR_EMAIL")
                .unwrap_or_else(|| "operator@tenantry.localhost".into()),
            operator_password: var("TENANTRY_OPERATOR_PASSWORD"),
            seed_demo: var("TENANTRY_SEED_DEMO")
                .map(|v| v != "0" && v != "false")
                .unwrap_or(true),
            fraud_rules: fraud_rules_from_env(),
            ip_country_header: var("TENANTRY_IP_COUNTRY_HEADER"),
            client_ip: crate::backend::client_ip::ClientIpConfig::parse(
                var("TENANTRY_CLIENT_IP_HEADER"),
                var("TENANTRY_TRUSTED_PROXIES").as_deref(),
            ),
            password_hashes_at_once: var("TENANTRY_PASSWORD_HASHES_AT_ONCE")
                .and_then(|v| v.parse().ok())
                .unwrap_or(2_usize)
                .max(1),
            jobs: JobsConfig::from_env(),
            health: HealthConfig::from_env(),
            db_capacity: crate::backend::utilization::DbCapacity::parse(
                var("TENANTRY_DB_SERVER_CAPACITY_GB").as_deref(),
            ),
            max_body_bytes: var("TENANTRY_MAX_BODY_BYTES")
                .and_then(|v| v.parse().ok())
                .filter(|n| *n > 0)
                .unwrap_or(DEFAULT_MAX_BODY_BYTES),
            trial_email_confirmation: var("TENANTRY_TRIAL_EMAIL_CONFIRMATION")
                .is_none_or(|v| !matches!(v.trim(), "0" | "false" | "off" | "no")),
            provisioning_fault: None,
            outcome_fault: None,
        }
    }

    /// Whether cookies must carry the `Secure` flag.
    pub fn secure_cookies(&self) -> bool {
        self.served_over_https()
    }

    /// Whether the public addresses are https (cookies `Secure`, HSTS sent).
    pub fn served_over_https(&self) -> bool {
        self.public_scheme == "https://"
    }

    /// The public address of an instance.
    pub fn instance_url(&self, name: &str) -> String {
        format!("{}{name}{}", self.public_scheme, self.instance_suffix())
    }

    /// What follows an instance's name in its address: `.` and the base domain, with the public
    /// port when there is one.
    pub fn instance_suffix(&self) -> String {
        format!(".{}{}", self.base_domain, self.public_port)
    }

    /// The public address of the storefront.
    pub fn storefront_url(&self) -> String {
        format!(
            "{}{}{}",
            self.public_scheme, self.base_domain, self.public_port
        )
    }
}
