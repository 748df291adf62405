//! Fraud screening of a new order, inside the transaction that records it. The email's and the
//! address's recent orders are counted after their lock rows are touched, so orders of the same
//! email or address that arrive together count one after another and a velocity limit holds.
use chrono::{DateTime, Duration, Utc};
use sqlx::AnyConnection;

use super::validate::ValidOrder;
use super::Client;
use crate::backend::db::ts;
use crate::domain::fraud::{screen, FraudRulesPage, Screening, ScreeningInput};
use crate::error::{AppError, Result};

/// Screens an order about to be recorded in the caller's transaction. A trial beyond a daily
/// limit is refused outright (it costs the attacker nothing); a paid order is flagged for review.
pub(super) async fn screen_in(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    rules: &FraudRulesPage,
    order: &ValidOrder,
    client: &Client,
    billing_country: Option<&str>,
) -> Result<Screening> {
    let email = order.email.as_str();
    // Always email first, then address: two orders never wait for each other in a cycle.
    lock(conn, now, &format!("email:{email}")).await?;
    lock(conn, now, &format!("ip:{}", client.ip)).await?;
    let since = ts(now - Duration::days(1));
    let (by_email,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM orders o JOIN customers c ON c.id = o.customer_id \
         WHERE c.email = $1 AND o.kind = 'new_sale' AND o.created_at > $2",
    )
    .bind(email)
    .bind(&since)
    .fetch_one(&mut *conn)
    .await?;
    let (by_ip,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM orders WHERE client_ip = $1 AND kind = 'new_sale' AND created_at > $2",
    )
    .bind(&client.ip)
    .bind(&since)
    .fetch_one(&mut *conn)
    .await?;
    let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX).saturating_add(1);
    let input = ScreeningInput {
        email: order.email.clone(),
        ip: client.ip.clone(),
        billing_country: billing_country.map(str::to_string),
        ip_country: client.country.clone(),
        orders_today_by_email: count(by_email),
        orders_today_by_ip: count(by_ip),
    };
    if billing_country.is_none() && over_limit(rules, &input) {
        return Err(AppError::TooManyRequests {
            message: crate::i18n::tr(client.locale, "checkout-error-too-many-trials"),
            retry_after_secs: 24 * 3600,
        });
    }
    Ok(screen(rules, &input))
}

/// Whether the email or the address is past its daily order limit.
fn over_limit(rules: &FraudRulesPage, input: &ScreeningInput) -> bool {
    let past = |limit: u32, n: u32| limit > 0 && n > limit;
    past(
        rules.max_orders_per_email_per_day,
        input.orders_today_by_email,
    ) || past(rules.max_orders_per_ip_per_day, input.orders_today_by_ip)
}

/// Touches a lock row: on PostgreSQL it holds a row lock until the transaction ends.
async fn lock(conn: &mut AnyConnection, now: DateTime<Utc>, key: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO screening_locks (key, touched_at) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET touched_at = excluded.touched_at",
    )
    .bind(key)
    .bind(ts(now))
    .execute(conn)
    .await?;
    Ok(())
}
