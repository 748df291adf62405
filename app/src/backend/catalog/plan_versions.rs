//! Copying a plan version: the one place that knows everything a version is made of.
use sqlx::AnyConnection;

use crate::error::Result;

/// Copies a plan (its terms, periods, resource rates, add-on links and storefront links) as its
/// next version under the same code, keeping its status; the old row is renamed
/// `<code>@v<version>` and retired, so its subscribers stay bound to what they bought.
pub(super) async fn new_version(conn: &mut AnyConnection, plan_id: i64) -> Result<i64> {
    let (code, version, status): (String, i64, String) =
        sqlx::query_as("SELECT code, version, status FROM plans WHERE id = $1")
            .bind(plan_id)
            .fetch_one(&mut *conn)
            .await?;
    sqlx::query("UPDATE plans SET code = $1, status = 'retired' WHERE id = $2")
        .bind(format!("{code}@v{version}"))
        .bind(plan_id)
        .execute(&mut *conn)
        .await?;
    let (new_id,): (i64,) = sqlx::query_as(
        "INSERT INTO plans (product_id, code, name, description, currency, trial_days, trial_end_action, included_users, demo_data, template_id, sort_order, version, status) \
         SELECT product_id, $1, name, description, currency, trial_days, trial_end_action, included_users, demo_data, template_id, sort_order, version + 1, $2 \
         FROM plans WHERE id = $3 RETURNING id",
    )
    .bind(&code)
    .bind(&status)
    .bind(plan_id)
    .fetch_one(&mut *conn)
    .await?;
    let copies = [
        "INSERT INTO plan_periods (plan_id, months, setup_fee_minor, recurring_fee_minor, renewal_fee_minor) \
         SELECT $1, months, setup_fee_minor, recurring_fee_minor, renewal_fee_minor FROM plan_periods WHERE plan_id = $2",
        "INSERT INTO plan_resource_rates (plan_id, resource_id, included, hard_limit, setup_fee_per_unit_minor, recurring_fee_per_unit_minor, overage_per_unit_minor) \
         SELECT $1, resource_id, included, hard_limit, setup_fee_per_unit_minor, recurring_fee_per_unit_minor, overage_per_unit_minor FROM plan_resource_rates WHERE plan_id = $2",
        "INSERT INTO plan_addons (plan_id, addon_id, max_quantity) SELECT $1, addon_id, max_quantity FROM plan_addons WHERE plan_id = $2",
        "INSERT INTO storefront_plans (storefront_id, plan_id) SELECT storefront_id, $1 FROM storefront_plans WHERE plan_id = $2",
    ];
    for sql in copies {
        sqlx::query(sql)
            .bind(new_id)
            .bind(plan_id)
            .execute(&mut *conn)
            .await?;
    }
    tracing::info!(plan = %code, old_id = plan_id, new_id, "plan versioned");
    Ok(new_id)
}
