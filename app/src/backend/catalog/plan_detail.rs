//! Everything about one plan version, for its edit page.
use sqlx::AnyPool;

use super::in_use;
use crate::domain::{Currency, Money, PlanStatus};
use crate::error::{AppError, Result};
use crate::wire::catalog::plans::{
    AdminPeriodView, AdminPlanAddonView, AdminPlanDetail, AdminRateView, Choice,
};

/// (code, name, unit, included, hard limit, setup, recurring, overage).
type RateRow = (String, String, String, i64, i64, i64, i64, i64);

type PlanRow = (
    String,
    String,
    String,
    String,
    String,
    i64,
    PlanStatus,
    i64,
    i64,
    String,
);

/// One plan version with its periods, rates, add-ons, storefronts and what may be added.
pub async fn plan(pool: &AnyPool, plan_id: i64) -> Result<AdminPlanDetail> {
    let row: Option<PlanRow> = sqlx::query_as(
        "SELECT p.code, p.name, p.description, pr.name, p.currency, p.version, p.status, p.included_users, \
         p.trial_days, p.trial_end_action FROM plans p JOIN products pr ON pr.id = p.product_id WHERE p.id = $1",
    )
    .bind(plan_id)
    .fetch_optional(pool)
    .await?;
    let (code, name, description, product, currency, version, status, users, trial_days, end) =
        row.ok_or(AppError::NotFound)?;
    let cur = Currency::parse(&currency)?;
    let money = |m: i64| Money::new(m, cur).to_decimal_string();
    let mut conn = pool.acquire().await?;
    let used = in_use(&mut conn, plan_id).await?;
    let (subscribers,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM subscriptions WHERE plan_id = $1 AND status <> 'cancelled'",
    )
    .bind(plan_id)
    .fetch_one(&mut *conn)
    .await?;
    let periods: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT months, setup_fee_minor, recurring_fee_minor, renewal_fee_minor FROM plan_periods WHERE plan_id = $1 ORDER BY months",
    )
    .bind(plan_id)
    .fetch_all(&mut *conn)
    .await?;
    let rates: Vec<RateRow> = sqlx::query_as(
        "SELECT r.code, r.name, r.unit, pr.included, pr.hard_limit, pr.setup_fee_per_unit_minor, pr.recurring_fee_per_unit_minor, \
         pr.overage_per_unit_minor FROM plan_resource_rates pr JOIN resources r ON r.id = pr.resource_id WHERE pr.plan_id = $1 ORDER BY r.id",
    )
    .bind(plan_id)
    .fetch_all(&mut *conn)
    .await?;
    let addons: Vec<(i64, String, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT a.id, a.code, a.name, a.setup_fee_minor, a.recurring_fee_minor, pa.max_quantity FROM plan_addons pa \
         JOIN addons a ON a.id = pa.addon_id WHERE pa.plan_id = $1 ORDER BY a.code",
    )
    .bind(plan_id)
    .fetch_all(&mut *conn)
    .await?;
    let resources: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, code, name FROM resources ORDER BY id")
            .fetch_all(&mut *conn)
            .await?;
    let addable: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, code, name FROM addons WHERE currency = $1 AND id NOT IN (SELECT addon_id FROM plan_addons WHERE plan_id = $2) ORDER BY code",
    )
    .bind(&currency)
    .bind(plan_id)
    .fetch_all(&mut *conn)
    .await?;
    let storefronts: Vec<(String,)> = sqlx::query_as(
        "SELECT s.name FROM storefront_plans sp JOIN storefronts s ON s.id = sp.storefront_id WHERE sp.plan_id = $1 ORDER BY s.id",
    )
    .bind(plan_id)
    .fetch_all(&mut *conn)
    .await?;
    // A retired version points to the version now sold under its code.
    let base = crate::backend::catalog::plan_family(&code).to_string();
    let current: Option<(i64,)> = sqlx::query_as("SELECT id FROM plans WHERE code = $1")
        .bind(&base)
        .fetch_optional(&mut *conn)
        .await?;
    let choice = |(id, code, name): (i64, String, String)| Choice { id, code, name };
    Ok(AdminPlanDetail {
        id: plan_id,
        code,
        name,
        description,
        product,
        currency,
        version,
        status,
        included_users: users,
        trial_days,
        trial_end_action: end,
        in_use: used,
        subscribers,
        current_id: current.map(|(id,)| id),
        periods: periods
            .into_iter()
            .map(|(months, s, r, n)| AdminPeriodView {
                months,
                setup: money(s),
                recurring: money(r),
                renewal: money(n),
            })
            .collect(),
        rates: rates
            .into_iter()
            .map(
                |(code, name, unit, included, hard_limit, s, r, o)| AdminRateView {
                    resource: code,
                    name,
                    unit,
                    included,
                    hard_limit,
                    setup: money(s),
                    recurring: money(r),
                    overage: money(o),
                },
            )
            .collect(),
        addons: addons
            .into_iter()
            .map(|(id, code, name, s, r, max)| AdminPlanAddonView {
                id,
                code,
                name,
                setup: money(s),
                recurring: money(r),
                max_quantity: max,
            })
            .collect(),
        resources: resources.into_iter().map(choice).collect(),
        addable_addons: addable.into_iter().map(choice).collect(),
        storefronts: storefronts.into_iter().map(|(n,)| n).collect(),
    })
}
