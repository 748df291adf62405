//! Storefronts: each sells its own plans, in its own currency, under its own name and colours.
use sqlx::AnyPool;

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
        "SELECT id, code, name, logo_url, primary_color, currency, is_default FROM storefronts";
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
