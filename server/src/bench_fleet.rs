//! A large fleet for the dashboard's benchmark: N tenants over the two years before `now`, with
//! their subscriptions, monthly invoices and payments, lifecycle events and MRR movements, written
//! with multi-row inserts (the production code would take hours to make two years of history).
//!
//! Tenant i starts in month i mod 24 of the two years. One in ten is a trial never paid for
//! (suspended when it ended), one in ten a converted trial, one in ten churns six months after it
//! started; one in five of the paying ones adds two users (+8.00) three months in, one in twenty
//! moves down (-10.00) nine months in. Paying tenants pay 49.00 a month; each month's invoice is
//! paid by card, except the running month's for one in fifty, which is open (overdue for half).
use chrono::{DateTime, Duration, Months, Utc};
use sqlx::AnyPool;

use app::backend::db::{ts, Engine};

/// Tenants written at a time, with everything that refers to them.
const BATCH: usize = 500;

/// What one tenant's history is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Life {
    TrialEnded,
    Converted,
    Churned,
    Paying,
}

fn life(i: i64) -> Life {
    match i % 10 {
        0 => Life::TrialEnded,
        1 => Life::Converted,
        2 => Life::Churned,
        _ => Life::Paying,
    }
}

/// Rows of one table, written as one multi-row insert per batch of tenants.
struct Rows<'a> {
    pool: &'a AnyPool,
    head: String,
    rows: Vec<String>,
    written: usize,
}

impl<'a> Rows<'a> {
    fn new(pool: &'a AnyPool, head: &str) -> Self {
        Rows {
            pool,
            head: head.to_string(),
            rows: Vec::with_capacity(BATCH),
            written: 0,
        }
    }

    /// Keeps a row; [`Rows::flush`] writes them (parents before the rows that refer to them).
    async fn push(&mut self, row: String) -> Result<(), String> {
        self.rows.push(row);
        Ok(())
    }

    async fn flush(&mut self) -> Result<(), String> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let sql = format!("{} VALUES {}", self.head, self.rows.join(","));
        sqlx::query(&sql)
            .execute(self.pool)
            .await
            .map_err(|e| format!("{}: {e}", self.head))?;
        self.written += self.rows.len();
        self.rows.clear();
        Ok(())
    }
}

fn q(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Seeds `n` tenants whose history ends at `now`; returns (invoices, movements) written.
pub async fn seed(
    pool: &AnyPool,
    engine: Engine,
    n: i64,
    now: DateTime<Utc>,
) -> Result<(usize, usize), String> {
    let e = |e: sqlx::Error| e.to_string();
    let (plan_id, storefront_id) = crate::bench_launch::erp_business(pool).await?;
    let history = now - Months::new(24);
    let (first_customer,): (i64,) =
        sqlx::query_as("SELECT COALESCE(MAX(id), 0) + 1 FROM customers")
            .fetch_one(pool)
            .await
            .map_err(e)?;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) \
         INSERT INTO customers (company, contact_name, email, created_at, billing_address, billing_country, vat_id) \
         SELECT 'Fleet ' || i, 'Fleet Buyer', 'f' || i || '@fleet.example', $2, '1 rue de la Paix', 'FR', '' FROM n",
    )
    .bind(n)
    .bind(ts(history))
    .execute(pool)
    .await
    .map_err(e)?;
    let monthly = r#"{"period_months":1,"addons":[],"extra_resources":[]}"#;
    // Ids are given, so the rows that refer to them can be written in the same pass.
    let given = match engine {
        Engine::Postgres => " OVERRIDING SYSTEM VALUE",
        Engine::Sqlite => "",
    };
    let mut tenants = Rows::new(pool, &format!("INSERT INTO tenants (id, name, customer_id, plan_id, state, created_at, updated_at, db_engine){given}"));
    let mut subs = Rows::new(pool, &format!("INSERT INTO subscriptions (id, customer_id, plan_id, tenant_id, status, trial_ends_at, period_start, period_end, created_at, selection_json, storefront_id, cancel_at_period_end, period_paid_minor, period_paid_from, recurring_minor, mrr_minor){given}"));
    let mut tevents = Rows::new(pool, "INSERT INTO tenant_events (tenant_id, event, from_state, to_state, actor, detail, created_at)");
    let mut sevents = Rows::new(pool, "INSERT INTO subscription_events (subscription_id, event, from_status, to_status, actor, detail, created_at)");
    let mut moves = Rows::new(pool, "INSERT INTO mrr_movements (customer_id, tenant_id, currency, kind, delta_minor, mrr_after_minor, customer_mrr_after_minor, month, created_at)");
    let mut invoices = Rows::new(pool, "INSERT INTO invoices (storefront_id, number, customer_id, status, currency, subtotal_minor, tax_minor, total_minor, tax_basis_points, issued_at, due_at, paid_at)");
    let mut payments = Rows::new(pool, "INSERT INTO payments (gateway, reference, idempotency_key, amount_minor, currency, status, created_at, updated_at)");
    let (first_tenant,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) + 1 FROM tenants")
        .fetch_one(pool)
        .await
        .map_err(e)?;
    let (first_sub,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) + 1 FROM subscriptions")
        .fetch_one(pool)
        .await
        .map_err(e)?;
    let mut invoice_no = 0i64;
    for i in 0..n {
        let (tid, cid, sid) = (first_tenant + i, first_customer + i, first_sub + i);
        let life = life(i);
        let start =
            history + Months::new(u32::try_from(i % 24).unwrap_or(0)) + Duration::days(i % 28);
        let at = |d: DateTime<Utc>| q(&ts(d));
        let paid_from = match life {
            Life::Converted => Some(start + Duration::days(14)),
            Life::TrialEnded => None,
            _ => Some(start),
        };
        let ends = match life {
            Life::Churned => Some(start + Months::new(6)),
            _ => None,
        }
        .filter(|end| *end <= now);
        let alive_until = ends.unwrap_or(now);
        // MRR through the tenant's life: 49.00, +8.00 three months in (1 in 5), -10.00 nine
        // months in (1 in 20).
        let mut mrr = 0i64;
        let mut changes: Vec<(DateTime<Utc>, &str, i64)> = Vec::new();
        if let Some(from) = paid_from {
            changes.push((from, "new", 4_900));
            if i % 5 == 3 {
                changes.push((from + Months::new(3), "expansion", 800));
            }
            if i % 20 == 4 {
                changes.push((from + Months::new(9), "contraction", -1_000));
            }
        }
        changes.retain(|(d, _, _)| *d <= alive_until);
        for (d, kind, delta) in &changes {
            mrr += delta;
            let d = *d;
            moves
                .push(format!(
                    "({cid},{tid},'EUR',{},{delta},{mrr},{mrr},{},{})",
                    q(kind),
                    q(&d.format("%Y-%m").to_string()),
                    at(d)
                ))
                .await?;
        }
        if let Some(end) = ends {
            moves
                .push(format!(
                    "({cid},{tid},'EUR','churn',{},0,0,{},{})",
                    -mrr,
                    q(&end.format("%Y-%m").to_string()),
                    at(end)
                ))
                .await?;
        }
        let (state, status) = match (life, ends) {
            (Life::TrialEnded, _) => ("suspended", "suspended"),
            (_, Some(_)) => ("archived", "cancelled"),
            _ if paid_from.is_none_or(|p| p > now) => ("trial", "trial"),
            _ => ("active", "active"),
        };
        let current = if mrr > 0 && ends.is_none() { mrr } else { 0 };
        tenants
            .push(format!(
                "({tid},'fleet{i}',{cid},{plan_id},'{state}',{},{},'sqlite')",
                at(start),
                at(start)
            ))
            .await?;
        let period_start = now - Duration::days(i % 28);
        subs.push(format!(
            "({sid},{cid},{plan_id},{tid},'{status}',{},{},{},{},{},{storefront_id},0,{current},{},{current},{current})",
            if matches!(life, Life::TrialEnded | Life::Converted) { at(start + Duration::days(14)) } else { "NULL".into() },
            at(period_start), at(period_start + Months::new(1)), at(start), q(monthly), at(period_start)
        )).await?;
        // Lifecycle events.
        let trial = matches!(life, Life::TrialEnded | Life::Converted);
        let first = if trial { "trial" } else { "active" };
        tevents
            .push(format!(
                "({tid},'created',NULL,'provisioning','system','',{})",
                at(start)
            ))
            .await?;
        tevents
            .push(format!(
                "({tid},'provisioned','provisioning','{first}','system','',{})",
                at(start)
            ))
            .await?;
        sevents
            .push(format!(
                "({sid},'created',NULL,'pending','system','',{})",
                at(start)
            ))
            .await?;
        sevents
            .push(format!(
                "({sid},'provisioned','pending','{first}','system','',{})",
                at(start)
            ))
            .await?;
        let trial_end = start + Duration::days(14);
        if life == Life::TrialEnded && trial_end <= now {
            tevents
                .push(format!(
                    "({tid},'trial_ended','trial','suspended','rule:trial','',{})",
                    at(trial_end)
                ))
                .await?;
            sevents
                .push(format!(
                    "({sid},'trial_ended','trial','suspended','rule:trial','',{})",
                    at(trial_end)
                ))
                .await?;
        }
        if life == Life::Converted && trial_end <= now {
            tevents
                .push(format!(
                    "({tid},'trial_converted','trial','active','customer','',{})",
                    at(trial_end)
                ))
                .await?;
            sevents
                .push(format!(
                    "({sid},'converted','trial','active','customer','',{})",
                    at(trial_end)
                ))
                .await?;
        }
        if let Some(end) = ends {
            tevents
                .push(format!(
                    "({tid},'archived','active','archived','rule:cancelled','',{})",
                    at(end)
                ))
                .await?;
            sevents
                .push(format!(
                    "({sid},'cancelled_at_period_end','active','cancelled','rule:renewal','',{})",
                    at(end)
                ))
                .await?;
        }
        // A paid invoice a month from the first payment to the end, the running month's open for
        // one in fifty.
        if let Some(from) = paid_from {
            let mut d = from;
            let mut price = 4_900i64;
            while d <= alive_until {
                if i % 5 == 3 && d >= from + Months::new(3) {
                    price = 5_700;
                }
                if i % 20 == 4 && d >= from + Months::new(9) {
                    price = 4_700;
                }
                invoice_no += 1;
                let tax = price / 5;
                let open = i % 50 == 7 && d + Months::new(1) > now;
                let (status, paid_at) = if open {
                    ("open", "NULL".to_string())
                } else {
                    ("paid", at(d))
                };
                let due = if i % 100 == 7 {
                    d - Duration::days(3)
                } else {
                    d + Duration::days(14)
                };
                invoices.push(format!(
                    "({storefront_id},'F-{invoice_no}',{cid},'{status}','EUR',{price},{tax},{},2000,{},{},{paid_at})",
                    price + tax, at(d), at(due)
                )).await?;
                if !open {
                    payments.push(format!(
                        "('test_card','fleet-{invoice_no}','fleet-{invoice_no}',{},'EUR','captured',{},{})",
                        price + tax, at(d), at(d)
                    )).await?;
                }
                d = d + Months::new(1);
            }
        }
        // Parents before the rows that refer to them, every batch of tenants and at the end.
        if tenants.rows.len() >= BATCH || i + 1 == n {
            for rows in [
                &mut tenants,
                &mut subs,
                &mut tevents,
                &mut sevents,
                &mut moves,
                &mut invoices,
                &mut payments,
            ] {
                rows.flush().await?;
            }
        }
    }
    if engine == Engine::Postgres {
        for table in ["tenants", "subscriptions"] {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .execute(pool)
            .await
            .map_err(e)?;
        }
    }
    Ok((invoices.written, moves.written))
}
