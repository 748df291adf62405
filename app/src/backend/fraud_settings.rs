//! The fraud screening rules in force: the operator's saved rules, or the configured defaults
//! until the operator saves some.
use super::db::ts;
use super::state::AppState;
use crate::domain::fraud::FraudRulesPage;
use crate::error::Result;

/// The rules screening uses now.
pub async fn current(st: &AppState) -> Result<FraudRulesPage> {
    let row: Option<(i64, i64, i64, String)> = sqlx::query_as(
        "SELECT max_orders_per_email_per_day, max_orders_per_ip_per_day, check_country_mismatch, disposable_domains \
         FROM fraud_settings WHERE id = 1",
    )
    .fetch_optional(&st.pool)
    .await?;
    let count = |n: i64| u32::try_from(n).unwrap_or(0);
    Ok(match row {
        None => st.config.fraud_rules.clone(),
        Some((per_email, per_ip, country, domains)) => FraudRulesPage {
            disposable_domains: domains.lines().map(str::to_string).collect(),
            max_orders_per_email_per_day: count(per_email),
            max_orders_per_ip_per_day: count(per_ip),
            check_country_mismatch: country == 1,
        },
    })
}

/// Saves the rules (validated by the caller), recording who changed them.
pub async fn save(st: &AppState, rules: &FraudRulesPage, operator: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO fraud_settings (id, max_orders_per_email_per_day, max_orders_per_ip_per_day, check_country_mismatch, \
         disposable_domains, updated_at, updated_by) VALUES (1, $1, $2, $3, $4, $5, $6) \
         ON CONFLICT (id) DO UPDATE SET max_orders_per_email_per_day = excluded.max_orders_per_email_per_day, \
         max_orders_per_ip_per_day = excluded.max_orders_per_ip_per_day, check_country_mismatch = excluded.check_country_mismatch, \
         disposable_domains = excluded.disposable_domains, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )
    .bind(i64::from(rules.max_orders_per_email_per_day))
    .bind(i64::from(rules.max_orders_per_ip_per_day))
    .bind(i64::from(rules.check_country_mismatch))
    .bind(rules.disposable_domains.join("\n"))
    .bind(ts(st.now()))
    .bind(operator)
    .execute(&st.pool)
    .await?;
    Ok(())
}
