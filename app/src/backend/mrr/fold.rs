//! Monthly figures kept small: the sweep moves movements and events into `kpi_months` (one sum
//! per series, key, currency and month), marking each row it took, and the dashboard reads those
//! sums plus the rows not taken yet, in one statement, so it is exact between folds too.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sqlx::{AnyConnection, AnyPool};

use crate::backend::db::ts;
use crate::error::Result;

/// Rows taken per statement.
const BATCH: i64 = 5_000;

/// One monthly sum: series `mrr` (key: the movement kind, per currency), `tenants` (key: a
/// state; count: its net change) or `trials` (key: `started` or `converted`, by the month the
/// trial started).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MonthlySum {
    pub series: String,
    pub key: String,
    pub currency: String,
    pub month: String,
    pub amount_minor: i64,
    pub count: i64,
}

type Key = (&'static str, String, String, String);

/// Folds everything not folded yet; returns how many rows it took.
pub async fn run(pool: &AnyPool, now: DateTime<Utc>) -> Result<usize> {
    let mut total = 0;
    loop {
        let mut tx = crate::backend::db::begin(pool).await?;
        // Folding servers take turns.
        sqlx::query("UPDATE kpi_fold SET folded_at = $1 WHERE id = 1")
            .bind(ts(now))
            .execute(&mut *tx)
            .await?;
        let mut sums: BTreeMap<Key, (i64, i64)> = BTreeMap::new();
        let taken = take_movements(&mut tx, &mut sums).await?
            + take_tenant_events(&mut tx, &mut sums).await?
            + take_subscription_events(&mut tx, &mut sums).await?;
        for ((series, key, currency, month), (amount, count)) in &sums {
            sqlx::query(
                "INSERT INTO kpi_months (series, key, currency, month, amount_minor, count) VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (series, key, currency, month) DO UPDATE SET \
                 amount_minor = kpi_months.amount_minor + excluded.amount_minor, count = kpi_months.count + excluded.count",
            )
            .bind(*series)
            .bind(key)
            .bind(currency)
            .bind(month)
            .bind(amount)
            .bind(count)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        total += taken;
        if taken == 0 {
            return Ok(total);
        }
    }
}

fn add(sums: &mut BTreeMap<Key, (i64, i64)>, key: Key, amount: i64, count: i64) {
    let entry = sums.entry(key).or_default();
    entry.0 += amount;
    entry.1 += count;
}

fn month_of(at: &str) -> String {
    at.get(..7).unwrap_or_default().to_string()
}

async fn take_movements(
    conn: &mut AnyConnection,
    sums: &mut BTreeMap<Key, (i64, i64)>,
) -> Result<usize> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(&format!(
        "UPDATE mrr_movements SET folded = 1 WHERE id IN \
         (SELECT id FROM mrr_movements WHERE folded = 0 ORDER BY id LIMIT {BATCH}) \
         RETURNING kind, currency, month, delta_minor"
    ))
    .fetch_all(conn)
    .await?;
    for (kind, currency, month, delta) in &rows {
        add(
            sums,
            ("mrr", kind.clone(), currency.clone(), month.clone()),
            *delta,
            1,
        );
    }
    Ok(rows.len())
}

async fn take_tenant_events(
    conn: &mut AnyConnection,
    sums: &mut BTreeMap<Key, (i64, i64)>,
) -> Result<usize> {
    let rows: Vec<(Option<String>, String, String)> = sqlx::query_as(&format!(
        "UPDATE tenant_events SET folded = 1 WHERE id IN \
         (SELECT id FROM tenant_events WHERE folded = 0 ORDER BY id LIMIT {BATCH}) \
         RETURNING from_state, to_state, created_at"
    ))
    .fetch_all(conn)
    .await?;
    for (from, to, at) in &rows {
        if from.as_deref() == Some(to.as_str()) {
            continue;
        }
        let month = month_of(at);
        if let Some(from) = from {
            add(
                sums,
                ("tenants", from.clone(), String::new(), month.clone()),
                0,
                -1,
            );
        }
        add(sums, ("tenants", to.clone(), String::new(), month), 0, 1);
    }
    Ok(rows.len())
}

async fn take_subscription_events(
    conn: &mut AnyConnection,
    sums: &mut BTreeMap<Key, (i64, i64)>,
) -> Result<usize> {
    let rows: Vec<(i64, String, Option<String>, String, String)> = sqlx::query_as(&format!(
        "UPDATE subscription_events SET folded = 1 WHERE id IN \
         (SELECT id FROM subscription_events WHERE folded = 0 ORDER BY id LIMIT {BATCH}) \
         RETURNING subscription_id, event, from_status, to_status, created_at"
    ))
    .fetch_all(&mut *conn)
    .await?;
    for (subscription_id, event, from, to, at) in &rows {
        if from.as_deref() == Some("pending") && to == "trial" {
            add(
                sums,
                ("trials", "started".into(), String::new(), month_of(at)),
                0,
                1,
            );
        } else if event == "converted" {
            let started: Option<(String,)> = sqlx::query_as(
                "SELECT created_at FROM subscription_events WHERE subscription_id = $1 \
                 AND from_status = 'pending' AND to_status = 'trial' ORDER BY id LIMIT 1",
            )
            .bind(subscription_id)
            .fetch_optional(&mut *conn)
            .await?;
            let month = started.map_or_else(|| month_of(at), |(s,)| month_of(&s));
            add(
                sums,
                ("trials", "converted".into(), String::new(), month),
                0,
                1,
            );
        }
    }
    Ok(rows.len())
}

/// Every monthly sum, folded or not, in one consistent read.
pub async fn read(pool: &AnyPool) -> Result<Vec<MonthlySum>> {
    Ok(sqlx::query_as(
        "SELECT series, key, currency, month, CAST(SUM(amount_minor) AS BIGINT) AS amount_minor, \
         CAST(SUM(count) AS BIGINT) AS count FROM ( \
           SELECT series, key, currency, month, amount_minor, count FROM kpi_months \
           UNION ALL SELECT 'mrr', kind, currency, month, delta_minor, 1 FROM mrr_movements WHERE folded = 0 \
           UNION ALL SELECT 'tenants', to_state, '', substr(created_at, 1, 7), 0, 1 FROM tenant_events \
             WHERE folded = 0 AND (from_state IS NULL OR from_state <> to_state) \
           UNION ALL SELECT 'tenants', from_state, '', substr(created_at, 1, 7), 0, -1 FROM tenant_events \
             WHERE folded = 0 AND from_state IS NOT NULL AND from_state <> to_state \
           UNION ALL SELECT 'trials', 'started', '', substr(created_at, 1, 7), 0, 1 FROM subscription_events \
             WHERE folded = 0 AND from_status = 'pending' AND to_status = 'trial' \
           UNION ALL SELECT 'trials', 'converted', '', substr(COALESCE( \
               (SELECT MIN(t.created_at) FROM subscription_events t WHERE t.subscription_id = e.subscription_id \
                AND t.from_status = 'pending' AND t.to_status = 'trial'), e.created_at), 1, 7), 0, 1 \
             FROM subscription_events e WHERE e.folded = 0 AND e.event = 'converted' \
         ) x GROUP BY series, key, currency, month",
    )
    .fetch_all(pool)
    .await?)
}
