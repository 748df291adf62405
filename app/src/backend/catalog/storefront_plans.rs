//! Storefronts: each sells its own plans, in its own currency, under its own name and colours.
use sqlx::AnyPool;

use crate::domain::pricing::{adverts, PeriodPrice};
use crate::domain::{Currency, Money};
use crate::wire::catalog::PlanPrice;

use super::{PlanRow, SELECT_PLAN};
use crate::error::{AppError, Result};
use crate::wire::catalog::StorefrontView;

/// A storefront row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StorefrontRow {
    /// Id.
    pub id: i64,
    /// Code used in URLs (`/s/<code>`).
    pub code: String,
    /// Display name.
    pub name: String,
    /// Logo address (may be empty).
    pub logo_url: String,
    /// Accent colour, `#rrggbb`.
    pub primary_color: String,
    /// The one currency it sells in.
    pub currency: String,
    /// Whether it is served at `/`.
    pub is_default: i64,
    /// Default language tag.
    pub language: String,
}

impl StorefrontRow {
    /// The wire view with its plans.
    pub fn view(&self, plans: &[PlanRow]) -> Result<StorefrontView> {
        Ok(StorefrontView {
            code: self.code.clone(),
            name: self.name.clone(),
            logo_url: self.logo_url.clone(),
            primary_color: safe_color(&self.primary_color),
            currency: self.currency.clone(),
            is_default: self.is_default == 1,
            language: self.language.clone(),
            plans: plans.iter().map(PlanRow::view).collect::<Result<_>>()?,
        })
    }
}

/// A colour that is safe inside a style attribute (anything else falls back to the house blue).
pub fn safe_color(c: &str) -> String {
    let hex = c.strip_prefix('#').unwrap_or("");
    if matches!(hex.len(), 3 | 6) && hex.chars().all(|ch| ch.is_ascii_hexdigit()) {
        c.to_string()
    } else {
        "#3b5bdb".into()
    }
}

/// A storefront by code; the empty code means the default storefront.
pub async fn by_code(pool: &AnyPool, code: &str) -> Result<StorefrontRow> {
    let select =
        "SELECT id, code, name, logo_url, primary_color, currency, is_default, language FROM storefronts";
    let row = if code.trim().is_empty() {
        sqlx::query_as(&format!(
            "{select} WHERE is_default = 1 ORDER BY id LIMIT 1"
        ))
        .fetch_optional(pool)
        .await?
    } else {
        sqlx::query_as(&format!("{select} WHERE code = $1"))
            .bind(code.trim())
            .fetch_optional(pool)
            .await?
    };
    row.ok_or(AppError::NotFound)
}

/// The published plans a storefront sells, in display order.
pub async fn plans(pool: &AnyPool, storefront_id: i64) -> Result<Vec<PlanRow>> {
    Ok(sqlx::query_as::<_, PlanRow>(&format!(
        "{SELECT_PLAN} JOIN storefront_plans sp ON sp.plan_id = p.id AND sp.storefront_id = $1 \
         WHERE p.status = 'published' AND pr.published = 1 ORDER BY p.sort_order, p.id"
    ))
    .bind(storefront_id)
    .fetch_all(pool)
    .await?)
}

/// A storefront's catalog as its visitors see it: each plan with its billing periods' prices and
/// the modules its template installs (two queries for all plans).
pub async fn catalog(pool: &AnyPool, sf: &StorefrontRow) -> Result<StorefrontView> {
    let rows = plans(pool, sf.id).await?;
    let mut view = sf.view(&rows)?;
    let periods: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT pp.plan_id, pp.months, pp.setup_fee_minor, pp.recurring_fee_minor FROM plan_periods pp \
         JOIN storefront_plans sp ON sp.plan_id = pp.plan_id AND sp.storefront_id = $1 ORDER BY pp.months",
    )
    .bind(sf.id)
    .fetch_all(pool)
    .await?;
    let modules: Vec<(i64, String)> = sqlx::query_as(
        "SELECT p.id, m.name FROM plans p JOIN storefront_plans sp ON sp.plan_id = p.id AND sp.storefront_id = $1 \
         JOIN template_modules tm ON tm.template_id = p.template_id JOIN modules m ON m.id = tm.module_id \
         ORDER BY m.name",
    )
    .bind(sf.id)
    .fetch_all(pool)
    .await?;
    let currency = Currency::parse(&sf.currency)?;
    for (row, plan) in rows.iter().zip(view.plans.iter_mut()) {
        let priced: Vec<PeriodPrice> = periods
            .iter()
            .filter(|(id, _, setup, fee)| *id == row.id && (*setup > 0 || *fee > 0))
            .map(|(_, months, setup, fee)| PeriodPrice {
                period_months: u32::try_from(*months).unwrap_or(1),
                setup_fee: Money::new(*setup, currency),
                recurring_fee: Money::new(*fee, currency),
                renewal_fee: Money::new(*fee, currency),
            })
            .collect();
        plan.prices = adverts(&priced)
            .into_iter()
            .map(|a| PlanPrice {
                period_months: a.period_months,
                setup_minor: a.setup_minor,
                per_period_minor: a.per_period_minor,
                per_month_minor: a.per_month_minor,
                first_payment_minor: a.first_payment_minor,
                saving_percent: a.saving_percent,
            })
            .collect();
        plan.includes = modules
            .iter()
            .filter(|(id, _)| *id == row.id)
            .map(|(_, name)| name.clone())
            .collect();
    }
    Ok(view)
}

/// One published plan as sold by a storefront, or not-found.
pub async fn plan(pool: &AnyPool, storefront_id: i64, code: &str) -> Result<PlanRow> {
    sqlx::query_as::<_, PlanRow>(&format!(
        "{SELECT_PLAN} JOIN storefront_plans sp ON sp.plan_id = p.id AND sp.storefront_id = $1 \
         WHERE p.code = $2 AND p.status = 'published' AND pr.published = 1"
    ))
    .bind(storefront_id)
    .bind(code)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::safe_color;

    #[test]
    fn only_hex_colours_reach_a_style_attribute() {
        assert_eq!(safe_color("#2b8a3e"), "#2b8a3e");
        assert_eq!(safe_color("#fff"), "#fff");
        assert_eq!(safe_color("red;background:url(x)"), "#3b5bdb");
        assert_eq!(safe_color("#12345"), "#3b5bdb");
    }
}
