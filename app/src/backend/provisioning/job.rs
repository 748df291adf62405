//! One provisioning run: claim the order's lease, then attempt, roll back and retry up to the
//! configured number of attempts, and write the outcome.
use super::{outcome, steps};
use crate::backend::catalog::{plan_by_id, PlanRow};
use crate::backend::db::{retrying, ts};
use crate::backend::orders::change;
use crate::backend::provisioning::{
    choose_target, drop_database, Build, InstanceAdmin, StoredTenantDb, TenantDb,
};
use crate::backend::state::AppState;
use crate::domain::{Email, InstanceName};
use crate::error::{AppError, Result};
use crate::i18n::Locale;

/// Everything a provisioning attempt needs about its order.
pub(crate) struct Job {
    pub order_id: i64,
    pub tenant_id: i64,
    pub customer_id: i64,
    pub is_trial: bool,
    pub email: Email,
    pub contact_name: String,
    pub company: String,
    pub instance: InstanceName,
    pub plan: PlanRow,
    /// The language the order was placed in, which the welcome mail is written in.
    pub locale: Locale,
    password_hash: String,
    previous_db: Option<TenantDb>,
    /// Whether an earlier run built the instance completely.
    built: bool,
}

#[derive(sqlx::FromRow)]
struct JobRow {
    tenant_id: i64,
    customer_id: i64,
    plan_id: i64,
    is_trial: i64,
    instance_name: String,
    email: String,
    contact_name: String,
    company: String,
    locale: String,
    admin_password_hash: Option<String>,
    #[sqlx(flatten)]
    db: StoredTenantDb,
    instance_built_at: Option<String>,
}

impl Job {
    /// The admin's password hash chosen at order time.
    pub fn password_hash(&self) -> &str {
        &self.password_hash
    }

    async fn load(st: &AppState, order_id: i64) -> Result<Job> {
        let row: JobRow = sqlx::query_as(
            "SELECT o.tenant_id, o.customer_id, o.plan_id, o.is_trial, o.instance_name, c.email, c.contact_name, c.company, o.locale, \
             o.admin_password_hash, t.db_engine, t.db_server, t.db_name, t.db_password, o.instance_built_at \
             FROM orders o JOIN customers c ON c.id = o.customer_id JOIN tenants t ON t.id = o.tenant_id WHERE o.id = $1",
        )
        .bind(order_id)
        .fetch_optional(&st.pool)
        .await?
        .ok_or(AppError::NotFound)?;
        let password_hash = row.admin_password_hash.ok_or_else(|| {
            tracing::error!(order_id, "order has no admin password to provision with");
            AppError::Internal
        })?;
        Ok(Job {
            order_id,
            tenant_id: row.tenant_id,
            customer_id: row.customer_id,
            is_trial: row.is_trial == 1,
            email: Email::parse(&row.email)?,
            contact_name: row.contact_name,
            company: row.company,
            instance: InstanceName::parse(&row.instance_name)?,
            plan: plan_by_id(&st.pool, row.plan_id).await?,
            locale: Locale::from_tag(&row.locale).unwrap_or_default(),
            password_hash,
            built: row.instance_built_at.is_some(),
            previous_db: TenantDb::from_stored(row.db)?,
        })
    }
}

/// Runs the order's provisioning unless another server holds its lease.
pub(super) async fn run(st: &AppState, order_id: i64) -> Result<()> {
    if !claim(st, order_id).await? {
        return Ok(());
    }
    if change::apply::is_change(st, order_id).await? {
        return change::apply::run(st, order_id).await;
    }
    let job = Job::load(st, order_id).await?;
    if job.built {
        // An earlier run built the instance and then failed to record it: record it only.
        return finish(st, &job).await;
    }
    let attempts = st.config.jobs.provisioning_attempts;
    for round in 1..=attempts {
        let attempt = next_attempt(st, order_id).await?;
        match attempt_once(st, &job, attempt).await? {
            Ok(()) => {
                retrying("mark instance built", || mark_built(st, order_id)).await?;
                return finish(st, &job).await;
            }
            Err(failure) if round == attempts => {
                return outcome::failed(st, &job, &failure).await;
            }
            Err(failure) => {
                tracing::warn!(order_id, attempt, %failure, "provisioning attempt failed; retrying");
                tokio::time::sleep(st.config.jobs.retry_delay).await;
            }
        }
    }
    Ok(())
}

/// Records the built instance as the order's outcome (again and again while the database is
/// busy), then greets its admin.
async fn finish(st: &AppState, job: &Job) -> Result<()> {
    retrying("record provisioning outcome", || {
        outcome::succeeded(st, job)
    })
    .await?;
    outcome::send_welcome(st, job).await;
    Ok(())
}

/// Notes that every step is done, so that a later run never builds the instance again.
async fn mark_built(st: &AppState, order_id: i64) -> Result<()> {
    sqlx::query("UPDATE orders SET instance_built_at = $1 WHERE id = $2")
        .bind(ts(st.now()))
        .bind(order_id)
        .execute(&st.pool)
        .await?;
    Ok(())
}

/// Takes the order's lease when it is provisioning and nobody holds a live lease.
async fn claim(st: &AppState, order_id: i64) -> Result<bool> {
    let now = st.now();
    let taken = sqlx::query(
        "UPDATE orders SET provision_lease_until = $1 WHERE id = $2 AND status = 'provisioning' \
         AND (provision_lease_until IS NULL OR provision_lease_until < $3)",
    )
    .bind(ts(now + st.config.jobs.lease))
    .bind(order_id)
    .bind(ts(now))
    .execute(&st.pool)
    .await?
    .rows_affected();
    Ok(taken == 1)
}

/// Counts a new attempt and extends the lease; returns the attempt's number.
async fn next_attempt(st: &AppState, order_id: i64) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as(
        "UPDATE orders SET provision_attempts = provision_attempts + 1, provision_lease_until = $1 \
         WHERE id = $2 RETURNING provision_attempts",
    )
    .bind(ts(st.now() + st.config.jobs.lease))
    .bind(order_id)
    .fetch_one(&st.pool)
    .await?;
    Ok(n)
}

/// One attempt: every step in turn, each recorded; a failure rolls back what the attempt built.
async fn attempt_once(
    st: &AppState,
    job: &Job,
    attempt: i64,
) -> Result<std::result::Result<(), outcome::Failure>> {
    if let Some(old) = &job.previous_db {
        // An attempt interrupted by a crash may have left its database behind.
        if let Err(e) = drop_database(&st.config, old).await {
            tracing::warn!(order_id = job.order_id, error = %e, "could not remove a leftover database");
        }
    }
    let db = choose_target(st, job.tenant_id).await?;
    // Stored before anything is created, so an interrupted attempt's leftovers can be found.
    sqlx::query(
        "UPDATE tenants SET db_engine = $1, db_server = $2, db_name = $3, db_password = $4 WHERE id = $5",
    )
    .bind(db.host.engine().as_str())
    .bind(db.host.server())
        .bind(&db.name)
        .bind(&db.password)
        .bind(job.tenant_id)
        .execute(&st.pool)
        .await?;
    let admin = InstanceAdmin {
        email: job.email.as_str(),
        full_name: &job.contact_name,
        password_hash: &job.password_hash,
        company: &job.company,
    };
    let mut build = Build::prepare(st, db, &job.plan, job.instance.as_str(), admin).await?;
    for step in build.steps() {
        steps::started(&st.pool, st.now(), job.order_id, attempt, step).await?;
        let result = match st.config.provisioning_fault {
            Some(f) if f.step == step && attempt <= i64::from(f.failing_attempts) => {
                Err("injected fault".to_string())
            }
            _ => build.run(step).await,
        };
        let failure = result.err();
        steps::ended(
            &st.pool,
            st.now(),
            job.order_id,
            attempt,
            step,
            failure.as_deref(),
        )
        .await?;
        if let Some(reason) = failure {
            build.roll_back().await;
            steps::rolled_back(&st.pool, job.order_id, attempt).await?;
            return Ok(Err(outcome::Failure { step, reason }));
        }
    }
    build.finish().await;
    Ok(Ok(()))
}
