//! The billing summary per currency: invoiced and collected this month, open and overdue
//! invoices, renewals due in the next 7 and 30 days.
use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, TimeZone, Utc};

use crate::backend::db::ts;
use crate::backend::state::AppState;
use crate::error::Result;
use crate::wire::dashboard::{Billing, BillingFigures};

type Sums = Vec<(String, i64, i64)>;

/// The first instant of `now`'s month.
pub fn month_start(now: DateTime<Utc>) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(now.year(), now.month(), 1, 0, 0, 0)
        .single()
        .unwrap_or(now)
}

/// The summary at `now`, per currency. A subscription renews when it counts for MRR (active, its
/// tenant running) and is not cancelled; a past-due one's renewal is being dunned, its period
/// end passed.
pub async fn summary(st: &AppState, now: DateTime<Utc>) -> Result<Vec<Billing>> {
    let start = ts(month_start(now));
    let pool = &st.pool;
    let invoiced: Sums = sqlx::query_as(
        "SELECT currency, COUNT(*), CAST(COALESCE(SUM(total_minor), 0) AS BIGINT) FROM invoices \
         WHERE issued_at >= $1 AND status <> 'void' GROUP BY currency",
    )
    .bind(&start)
    .fetch_all(pool)
    .await?;
    let collected: Sums = sqlx::query_as(
        "SELECT currency, COUNT(*), CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM payments \
         WHERE updated_at >= $1 AND status = 'captured' GROUP BY currency",
    )
    .bind(&start)
    .fetch_all(pool)
    .await?;
    let open: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT currency, COUNT(*), CAST(COALESCE(SUM(total_minor), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN due_at < $1 THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN due_at < $1 THEN total_minor ELSE 0 END), 0) AS BIGINT) \
         FROM invoices WHERE status = 'open' GROUP BY currency",
    )
    .bind(ts(now))
    .fetch_all(pool)
    .await?;
    let renewing: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT p.currency, \
         CAST(COALESCE(SUM(CASE WHEN s.period_end < $2 THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN s.period_end < $2 THEN s.recurring_minor ELSE 0 END), 0) AS BIGINT), \
         COUNT(*), CAST(COALESCE(SUM(s.recurring_minor), 0) AS BIGINT) \
         FROM subscriptions s JOIN plans p ON p.id = s.plan_id \
         WHERE s.status = 'active' AND s.period_end >= $1 AND s.period_end < $3 \
         AND s.cancel_at_period_end = 0 AND s.recurring_minor > 0 AND s.mrr_minor > 0 \
         GROUP BY p.currency",
    )
    .bind(ts(now))
    .bind(ts(now + Duration::days(7)))
    .bind(ts(now + Duration::days(30)))
    .fetch_all(pool)
    .await?;
    let mut by: BTreeMap<String, BillingFigures> = BTreeMap::new();
    for (c, n, sum) in invoiced {
        by.entry(c).or_default().invoiced = (n, sum);
    }
    for (c, n, sum) in collected {
        by.entry(c).or_default().collected = (n, sum);
    }
    for (c, n, sum, late, late_sum) in open {
        let f = by.entry(c).or_default();
        f.open = (n, sum);
        f.overdue = (late, late_sum);
    }
    for (c, n7, sum7, n30, sum30) in renewing {
        let f = by.entry(c).or_default();
        f.renewing_7_days = (n7, sum7);
        f.renewing_30_days = (n30, sum30);
    }
    Ok(by
        .into_iter()
        .map(|(currency, figures)| Billing { currency, figures })
        .collect())
}
